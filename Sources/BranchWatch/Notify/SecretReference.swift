// Where a secret is kept (environment or systemd credential), and reading it at send time.
import Glibc

/// A reference to a secret: `env:NAME` or `credential:NAME`.
///
/// The config, the state database and the logs hold only the reference; the value is read
/// when a request is signed or sent, and lives no longer than that request.
public enum SecretReference: Sendable, Equatable {
    /// An environment variable of the daemon.
    case environment(String)
    /// A file under `$CREDENTIALS_DIRECTORY` (systemd `LoadCredential=`): `NAME`, or else
    /// `secrets_NAME`, which is how the unit's `LoadCredential=secrets:/etc/…/credentials`
    /// delivers each file of that folder.
    case credential(String)

    /// Nil when `text` is not a reference (for example a literal URL).
    public init?(_ text: String) {
        if text.hasPrefix("env:"), text.count > 4 {
            self = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("credential:"), text.count > 11,
            !text.dropFirst(11).contains("/")
        {
            self = .credential(String(text.dropFirst(11)))
        } else {
            return nil
        }
    }

    /// The secret's value, with one trailing line end removed (credential files often have one).
    /// `credentialsDirectory` stands in for `$CREDENTIALS_DIRECTORY` when given.
    public func resolve(credentialsDirectory: String? = nil) throws(SecretError) -> String {
        switch self {
        case .environment(let name):
            guard let value = getenv(name) else { throw .missingEnvironment(name) }
            return String(cString: value)
        case .credential(let name):
            guard
                let directory = credentialsDirectory
                    ?? getenv("CREDENTIALS_DIRECTORY").map({ String(cString: $0) })
            else {
                throw .noCredentialsDirectory(name)
            }
            return try Self.readCredential(name, in: directory)
        }
    }

    /// Reads `name`, or when there is no such file `secrets_name`, from `directory`.
    private static func readCredential(_ name: String, in directory: String)
        throws(SecretError) -> String
    {
        for candidate in [name, "secrets_" + name] {
            do {
                let bytes = try FileSystem.readFile(Path.join(directory, candidate))
                var text = String(decoding: bytes, as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
                return text
            } catch  where error.errno == ENOENT {
                continue
            } catch {
                throw .unreadableCredential(candidate, errno: error.errno)
            }
        }
        throw .missingCredential(name)
    }

    /// Resolves `text` when it is a reference; otherwise returns it as it is. An empty
    /// value is refused: it is never what was meant.
    public static func resolve(_ text: String) throws(SecretError) -> String {
        guard let reference = SecretReference(text) else { return text }
        let value = try reference.resolve()
        guard !value.isEmpty else { throw .empty(text) }
        return value
    }

    /// The webhook URL `text` names, resolved and checked the same way as a literal one.
    public static func resolveURL(_ text: String) throws(SecretError) -> String {
        let url = try resolve(text)
        if let problem = WebhookURL.problem(url) { throw .invalidURL(text, problem) }
        return url
    }

    /// `text` with its token parts hidden, for messages about a URL that may hold one.
    static func redacted(_ text: String) -> String {
        DataText.visible(URLRedaction.redacted(text[...]))
    }
}

/// A secret could not be read. The descriptions name where it was looked for, never a value.
public enum SecretError: Error, CustomStringConvertible, Equatable {
    case missingEnvironment(String)
    case noCredentialsDirectory(String)
    case unreadableCredential(String, errno: Int32)
    /// Neither `NAME` nor `secrets_NAME` is in the credentials directory.
    case missingCredential(String)
    /// The reference resolved to an empty value.
    case empty(String)
    /// The reference resolved to something that is not an http(s) URL; says why.
    case invalidURL(String, String)

    public var description: String {
        switch self {
        case .missingEnvironment(let name):
            return "environment variable \(name) is not set; export it before starting branchwatch"
        case .noCredentialsDirectory(let name):
            return "credential \(name) requested but CREDENTIALS_DIRECTORY is not set; "
                + "add LoadCredential=\(name):… to the unit"
        case .missingCredential(let name):
            return "credential \(name) not found: neither $CREDENTIALS_DIRECTORY/\(name) nor "
                + "$CREDENTIALS_DIRECTORY/secrets_\(name) exists; put the file in "
                + "/etc/branchwatch/credentials/\(name) or add LoadCredential=\(name):… to the unit"
        case .unreadableCredential(let name, let code):
            return "credential \(name) cannot be read: \(String(cString: strerror(code))) "
                + "(errno \(code))"
        case .empty(let reference):
            return "\(reference) is empty; it must hold the value itself"
        case .invalidURL(let reference, let problem):
            return "the URL in \(reference) \(problem)"
        }
    }
}
