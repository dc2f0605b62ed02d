/// Montgomery multiplication and squaring modulo the P-256 field prime
/// `p = 2²⁵⁶ − 2²²⁴ + 2¹⁹² + 2⁹⁶ − 1`, written for the shape of `p` instead of for any modulus.
///
/// Verification spends nearly all its time in these two functions (about 2,800 of them per
/// signature), so they are straight-line code over four named limbs:
///
/// - The full 512-bit product is formed first (`fullProduct` / `fullSquare`, shared with every
///   four-limb modulus).
/// - Montgomery reduction then uses the shape of `p`. Because `p ≡ −1 (mod 2⁶⁴)`, the
///   Montgomery factor `−p⁻¹ mod 2⁶⁴` is 1, so each reduction step's multiplier `q` is simply
///   the lowest limb. Adding `q·p` clears that limb, and what it adds above it is
///   `(q·p + q) / 2⁶⁴ = q·2³² + q·(2⁶⁴ − 2³² + 1)·2¹²⁸`: a shift by 32 bits and one limb
///   product with the top limb of `p`, instead of four limb products.
///
/// The results equal those of the generic `montgomeryMultiply` (`a·b·2⁻²⁵⁶ mod p`, fully
/// reduced, for inputs below `p`); the final correction is branch-free like the generic code.
/// Per field multiplication this replaces 16 limb products of the reduction by 4.
enum P256FieldArithmetic {
    /// The top limb of `p`, `2⁶⁴ − 2³² + 1`. (Limb 2 of `p` is 0, limbs 0 and 1 are
    /// `2⁶⁴ − 1` and `2³² − 1`.)
    @inline(__always)
    static var topLimb: UInt64 { 0xffff_ffff_0000_0001 }

    /// `a·b·2⁻²⁵⁶ mod p` for `a, b < p`.
    @inline(__always)
    static func multiply(_ a: Limbs4, _ b: Limbs4) -> Limbs4 { reduce(fullProduct(a, b)) }

    /// `a²·2⁻²⁵⁶ mod p` for `a < p`.
    @inline(__always)
    static func square(_ a: Limbs4) -> Limbs4 { reduce(fullSquare(a)) }

    /// `t·2⁻²⁵⁶ mod p` for a 512-bit `t = (t₀ … t₇) < p·2²⁵⁶` (any product of two residues).
    ///
    /// Four reduction steps on the low half `L = (t₀ … t₃)` give `L' = (L + Q·p) / 2²⁵⁶ ≤ p`;
    /// the result is `L' + (t₄ … t₇) < 2p`, which one conditional subtraction brings below `p`.
    @inline(__always)
    static func reduce(_ t: WideLimbs) -> Limbs4 {
        var (s0, s1, s2, s3) = (t.0, t.1, t.2, t.3)
        reductionStep(&s0, &s1, &s2, &s3)
        reductionStep(&s0, &s1, &s2, &s3)
        reductionStep(&s0, &s1, &s2, &s3)
        reductionStep(&s0, &s1, &s2, &s3)
        var carry: UInt64
        (s0, carry) = addWithCarry(s0, t.4, 0)
        (s1, carry) = addWithCarry(s1, t.5, carry)
        (s2, carry) = addWithCarry(s2, t.6, carry)
        (s3, carry) = addWithCarry(s3, t.7, carry)
        return P256FieldModulus.subtractModulusIfNeeded(s0, s1, s2, s3, carry: carry)
    }

    /// One Montgomery step on a four-limb window `s`: `s ← (s + q·p) / 2⁶⁴` with `q = s₀`,
    /// which is `(s₁, s₂, s₃, 0) + q·2³² + q·topLimb·2¹²⁸`. The result is below
    /// `2¹⁹² + p < 2²⁵⁶`, so it fits the window with no carry out.
    @inline(__always)
    static func reductionStep(_ s0: inout UInt64, _ s1: inout UInt64, _ s2: inout UInt64, _ s3: inout UInt64) {
        let q = s0
        let qTimesTop = wide(q) &* wide(topLimb)
        var carry: UInt64
        (s0, carry) = addWithCarry(s1, q &<< 32, 0)
        (s1, carry) = addWithCarry(s2, q &>> 32, carry)
        (s2, carry) = addWithCarry(s3, qTimesTop._low, carry)
        s3 = qTimesTop._high &+ carry
    }
}
