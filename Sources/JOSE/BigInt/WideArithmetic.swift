/// The few double-word operations the Montgomery kernel is built from.
///
/// They are written with the concrete, `@_transparent` parts of the standard library's
/// `UInt128` and `UInt64` (`init(_low:_high:)`, `_low`, `_high`, `addingReportingOverflow`,
/// `multipliedFullWidth`, masking shifts). In release builds this compiles to exactly the same
/// `mul`/`add`/`adc` sequences as `UInt128(a) &* UInt128(b)`; in debug builds it avoids the
/// generic `BinaryInteger` conversions and shifts, which made unoptimised test runs of the
/// 8192-bit vectors about ten times slower.
enum WideArithmetic {
    /// `x·y` as a 128-bit value.
    @inline(__always)
    static func product(_ x: UInt64, _ y: UInt64) -> UInt128 {
        let (high, low) = x.multipliedFullWidth(by: y)
        return UInt128(_low: low, _high: high)
    }

    /// `x` zero-extended to 128 bits.
    @inline(__always)
    static func wide(_ x: UInt64) -> UInt128 {
        UInt128(_low: x, _high: 0)
    }

    /// `a + b` modulo 2¹²⁸ (callers guarantee no wrap-around).
    @inline(__always)
    static func sum(_ a: UInt128, _ b: UInt128) -> UInt128 {
        a.addingReportingOverflow(b).partialValue
    }

    /// `(top, low) += x·y` over a 192-bit accumulator.
    @inline(__always)
    static func accumulate(_ low: inout UInt128, _ top: inout UInt64, _ x: UInt64, _ y: UInt64) {
        let (sum, overflow) = low.addingReportingOverflow(product(x, y))
        low = sum
        top &+= overflow ? 1 : 0
    }

    /// `(top, low) += (otherTop, otherLow)` over 192-bit accumulators (callers guarantee no
    /// wrap-around).
    @inline(__always)
    static func merge(_ low: inout UInt128, _ top: inout UInt64, _ otherLow: UInt128, _ otherTop: UInt64) {
        let (sum, overflow) = low.addingReportingOverflow(otherLow)
        low = sum
        top &+= otherTop &+ (overflow ? 1 : 0)
    }

    /// Shifts the 192-bit accumulator down one word and returns the word shifted out.
    @inline(__always)
    @discardableResult
    static func shiftWord(_ low: inout UInt128, _ top: inout UInt64) -> UInt64 {
        let word = low._low
        low = UInt128(_low: low._high, _high: top)
        top = 0
        return word
    }
}
