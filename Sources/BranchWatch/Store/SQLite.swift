// A small wrapper over the SQLite C API: open, execute, prepare, bind, step.
import CSQLite

/// A failed SQLite call, with the database's own explanation.
public struct StoreError: Error, CustomStringConvertible {
    public var call: String
    public var code: Int32
    public var message: String
    public var path: String

    public var description: String {
        "\(call) on \(path): \(message) (sqlite code \(code))"
    }
}

/// One SQLite connection. Not thread-safe: one owner uses it at a time.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Opens or creates the database at `path` (`sqlite3_open_v2`), in WAL mode.
    public init(path: String) throws(StoreError) {
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(pointer)
            throw StoreError(call: "sqlite3_open_v2", code: code, message: message, path: path)
        }
        handle = pointer
        self.path = path
        sqlite3_busy_timeout(handle, 5000)
        try enableWriteAheadLog()
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs SQL that returns no rows (`sqlite3_exec`).
    public func execute(_ sql: String) throws(StoreError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error("sqlite3_exec", code) }
    }

    /// Compiles one statement (`sqlite3_prepare_v2`).
    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error("sqlite3_prepare_v2", code) }
        return Statement(statement, database: self)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func error(_ call: String, _ code: Int32) -> StoreError {
        StoreError(
            call: call, code: code, message: String(cString: sqlite3_errmsg(handle)), path: path)
    }

    /// `PRAGMA journal_mode=WAL` answers with a row, so it is stepped rather than executed.
    private func enableWriteAheadLog() throws(StoreError) {
        let statement = try prepare("PRAGMA journal_mode=WAL")
        guard try statement.step(), statement.text(0) == "wal" else {
            throw StoreError(call: "journal_mode", code: 0, message: "WAL mode refused", path: path)
        }
    }
}

/// A prepared statement. Bind with 1-based indexes, read columns with 0-based ones.
public final class Statement {
    private let handle: OpaquePointer
    private let database: Database

    init(_ handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values in order, starting at parameter 1, after a reset.
    @discardableResult
    public func bind(_ values: [SQLValue]) throws(StoreError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(
                        handle, index, $0.baseAddress, Int32($0.count), csqlite_transient())
                }
            case .null: code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw database.error("sqlite3_bind", code) }
        }
        return self
    }

    /// Advances to the next row; false when there is none.
    public func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("sqlite3_step", code)
        }
    }

    /// Binds and runs a statement that returns no rows.
    public func run(_ values: [SQLValue]) throws(StoreError) {
        try bind(values)
        _ = try step()
    }

    public func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// True when `column` holds NULL (`sqlite3_column_type`).
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    public func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    /// Calls `body` with the bytes of a text column, without making a `String`; the
    /// bytes are valid only inside `body`.
    func withTextBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let pointer = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    /// Calls `body` with the bytes of a blob column, valid only inside `body`.
    func withBlobBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value to bind to a statement parameter.
public enum SQLValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}
