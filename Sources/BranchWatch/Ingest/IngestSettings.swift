// How one inbox's drops are read: encoding, column names, memory bounds, retention.

/// The character encoding of an inbox's drop files.
public enum DropEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030
    case gbk
    /// UTF-8 when the whole file is valid UTF-8, otherwise GB18030.
    case auto

    /// The name glibc's `iconv_open` knows the encoding by; `auto` is resolved per file first.
    var iconvName: String {
        switch self {
        case .utf8, .auto: return "UTF-8"
        case .gb18030: return "GB18030"
        case .gbk: return "GBK"
        }
    }
}

/// The settings under `inbox:` in the config that shape how drops are read.
public struct IngestSettings: Sendable {
    public var encoding: DropEncoding = .auto
    /// Export header names (trimmed, lowercased) to the names branchwatch uses: `timestamp`,
    /// `branch`, `metric`, `value`, `ignore`, or a metric or label name of your choosing.
    public var columns: [String: String] = [:]
    /// Columns (after mapping) that a wide file keeps as labels rather than reading as metrics.
    public var labelColumns: Set<String> = []
    /// At most this many samples are held in memory at once; a larger file is applied in
    /// batches of this size, still inside the file's one transaction.
    public var batchRows = 50_000
    /// A row longer than this many bytes is skipped as unreadable, so one runaway line
    /// cannot take the daemon's memory.
    public var maxRowBytes = 1 << 20
    /// Bytes read from a drop file per `read` call.
    public var readChunkBytes = 1 << 16
    /// How long applied files stay in `done/`; nil keeps them, 0 deletes them at once.
    public var doneRetention: Double?
    /// A file changed less than this many seconds ago is left alone by a scan: some
    /// writer may still hold it open. Its close event, or a later look, claims it.
    public var settleSeconds = 2.0
    /// A file whose rows go back in time across batches is sorted in memory, up to this
    /// many samples; a larger one is rejected and must be exported sorted.
    public var maxSortRows = 1_000_000
    /// Entries listed in a file's rows report; the rest are counted in its last line.
    public var maxReportRows = 1000
    /// Modes of the inbox's subfolders and of the reports written there.
    public var fileMode = FileMode.standard
    /// Where notices about how a file was read go (text columns read as labels); nil keeps
    /// them quiet, as for replays.
    ///
    /// Limitation: set once when the engine starts, so a log level changed by a reload does
    /// not reach these notices — a restart does.
    public var logger: Logger?

    public init() {}
}
