// Upper-tail probabilities of the Poisson distribution, accurate far into the tail.
import Glibc

/// `P(X >= k)` for `X ~ Poisson(rate)`, through the regularised incomplete gamma function:
/// `P(X >= k) = P(k, rate)`, the lower regularised gamma with shape `k`.
///
/// The tail is computed as a logarithm, so a probability of 1e-400 still gives a
/// finite `surprise` rather than zero.
public enum PoissonTail {
    /// Natural logarithm of `P(X >= count)`; 0 for counts of zero or less.
    public static func logUpperTail(count: Double, rate: Double) -> Double {
        let k = count.rounded()
        guard k >= 1 else { return 0 }
        guard rate > 0 else { return -.infinity }
        if rate < k + 1 { return logLowerGammaSeries(shape: k, x: rate) }
        return log1p(-upperGammaContinuedFraction(shape: k, x: rate))
    }

    /// `P(X >= count)`.
    public static func upperTail(count: Double, rate: Double) -> Double {
        exp(logUpperTail(count: count, rate: rate))
    }

    /// `log P(a, x)` from the power series, which converges fast for `x < a + 1`:
    /// `P(a, x) = x^a e^-x / Γ(a + 1) · Σ x^n / ((a + 1) … (a + n))`.
    static func logLowerGammaSeries(shape a: Double, x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while n < 10_000 {
            term *= x / (a + n)
            sum += term
            if term < sum * 1e-17 { break }
            n += 1
        }
        return a * log(x) - x - lgamma(a + 1) + log(sum)
    }

    /// `Q(a, x)` from its continued fraction (modified Lentz), for `x >= a + 1`.
    static func upperGammaContinuedFraction(shape a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        var i = 1.0
        while i < 10_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            fraction *= step
            if abs(step - 1) < 1e-16 { break }
            i += 1
        }
        return exp(a * log(x) - x - lgamma(a)) * fraction
    }
}
