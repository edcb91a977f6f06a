// Upper-tail probability of the standard normal distribution, as -log10, far into the tail.
import Glibc

/// `-log10 P(Z >= u)` for a standard normal `Z`.
///
/// `erfc` is used while its result is a normal double; further out (where it would
/// underflow to zero and the score to infinity) the asymptotic series of the Mills
/// ratio takes over, `Q(u) ≈ φ(u)/u · (1 - 1/u² + 3/u⁴ - 15/u⁶ + 105/u⁸)`, whose error
/// there is below 1e-12 of the logarithm.
public enum NormalTail {
    /// Where the series takes over from `erfc`: erfc(37/√2) is about 1e-300.
    static let seriesStart = 37.0

    public static func minusLog10UpperTail(_ u: Double) -> Double {
        guard !u.isNaN else { return .nan }
        let ln10 = 2.302_585_092_994_046
        if u < seriesStart {
            return -log(0.5 * erfc(u / 2.0.squareRoot())) / ln10
        }
        let inverseSquare = 1 / (u * u)
        var correction = 105.0
        for factor in [-15.0, 3.0, -1.0, 1.0] {
            correction = factor + inverseSquare * correction
        }
        // log φ(u) = -u²/2 - log √(2π).
        let logDensity = -0.5 * u * u - 0.918_938_533_204_672_7
        return -(logDensity - log(u) + log(correction)) / ln10
    }
}
