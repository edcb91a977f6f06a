// The name, help text and kind of one metric, as the Prometheus text format shows it.

/// Describes one metric family. Declare families as static members of an extension
/// (see `MetricFamily+Catalogue.swift`) so every part of branchwatch names them one way.
public struct MetricFamily: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case counter
        case gauge
        /// Upper bounds of the buckets, ascending; `+Inf` is added when rendered.
        case histogram(buckets: [Double])

        var typeName: String {
            switch self {
            case .counter: return "counter"
            case .gauge: return "gauge"
            case .histogram: return "histogram"
            }
        }
    }

    /// `branchwatch_files_total`: letters, digits and underscores; counters end in `_total`.
    public let name: String
    public let help: String
    public let kind: Kind

    public init(name: String, help: String, kind: Kind) {
        precondition(MetricFamily.isValidName(name), "invalid metric name \(name)")
        self.name = name
        self.help = help
        self.kind = kind
    }

    public static func counter(_ name: String, help: String) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .counter)
    }

    public static func gauge(_ name: String, help: String) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .gauge)
    }

    public static func histogram(_ name: String, help: String, buckets: [Double])
        -> MetricFamily
    {
        precondition(buckets == buckets.sorted(), "histogram buckets must ascend")
        return MetricFamily(name: name, help: help, kind: .histogram(buckets: buckets))
    }

    /// The Prometheus name rule: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, !isDigit(first) else { return false }
        return bytes.allSatisfy { byte in
            isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte)
    }
}
