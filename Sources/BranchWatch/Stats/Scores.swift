// What a detector says about one new value: every score a rule condition can name.

/// The scores of one value. A detector fills the fields it exposes and leaves the
/// others not-a-number; rule loading refuses conditions on scores a detector lacks.
public struct Scores: Sendable, Equatable {
    public var value: Double
    /// The value the state expected.
    public var expected: Double
    /// The spread used for `z`, after the floor.
    public var std: Double
    /// Standard deviations from the expected value.
    public var z: Double
    /// Relative change against the expected value: -0.2 is 20% below. Not-a-number when
    /// nothing was expected (0), so that every comparison on it is false.
    public var pctChange: Double
    /// Upper-tail probability of a count at least this large (`poisson`).
    public var pValue: Double = .nan
    /// `-log10(p_value)`: 3 means one chance in a thousand (`poisson`).
    public var surprise: Double = .nan
    /// The one-sided cumulative sum after this value, in standard deviations (`cusum`).
    public var cusum: Double = .nan
    /// Mean relative change over the current cusum run (`cusum`).
    public var shift: Double = .nan
    /// This branch's change against its peers' changes, in residual spreads (`peer`).
    public var peerZ: Double = .nan
    /// Median relative change of the peer branches at this time (`peer`).
    public var peerChange: Double = .nan
    /// How many peers reported at this time (`peer`).
    public var peers: Double = .nan
    /// Days since the series last reported (`absent`).
    public var age: Double = .nan
    /// `-log10` of the tail probability of the strongest signal (`auto`).
    public var anomaly: Double = .nan
    /// 1 when the value lies beyond every earlier one, else 0 (`auto`).
    public var novel: Double = .nan
    /// Which part spoke, as an `AutoReason` code (`auto`).
    public var reason: Double = .nan

    public init(
        value: Double, expected: Double, std: Double = .nan, z: Double = .nan,
        pctChange: Double = .nan
    ) {
        self.value = value
        self.expected = expected
        self.std = std
        self.z = z
        self.pctChange = pctChange
    }

    /// Relative change of `value` against `expected`; not-a-number when nothing was
    /// expected, since no percentage of zero describes going from 0 to 3 (and reading it
    /// as 0% would let `pct_change >= -10%` pass on it).
    public static func relativeChange(_ value: Double, against expected: Double) -> Double {
        expected == 0 ? .nan : (value - expected) / abs(expected)
    }
}
