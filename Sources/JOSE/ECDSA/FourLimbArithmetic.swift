/// Straight-line modular arithmetic for four-limb (256-bit) moduli: P-256's field prime and
/// group order.
///
/// The generic routines in `ModularInteger.swift` loop over a limb count and work through
/// pointers, which serves any size but leaves the compiler shuffling limbs through memory.
/// These versions name each limb, so an optimised build keeps values in registers and turns
/// the carry chains into `add`/`adc` sequences. They compute exactly what the generic routines
/// compute (fully reduced results, branch-free corrections), so P-384 keeps the generic code and
/// both curves share every caller. P-256's field prime further overrides the Montgomery
/// reduction with one specialised to its shape (``P256FieldArithmetic``).

/// A 512-bit product as eight limbs, least significant first.
typealias WideLimbs = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

extension MontgomeryModulus where Limbs == Limbs4 {
    /// `a·b·2⁻²⁵⁶ mod m` for `a, b < m`.
    @inline(__always)
    static func montgomeryProduct(_ a: Limbs4, _ b: Limbs4) -> Limbs4 { montgomeryReduce(fullProduct(a, b)) }

    /// `a²·2⁻²⁵⁶ mod m` for `a < m`.
    @inline(__always)
    static func montgomerySquare(_ a: Limbs4) -> Limbs4 { montgomeryReduce(fullSquare(a)) }

    /// `a + b mod m` for `a, b < m`.
    @inline(__always)
    static func modularSum(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        var carry: UInt64
        let s0, s1, s2, s3: UInt64
        (s0, carry) = addWithCarry(a.storage.0, b.storage.0, 0)
        (s1, carry) = addWithCarry(a.storage.1, b.storage.1, carry)
        (s2, carry) = addWithCarry(a.storage.2, b.storage.2, carry)
        (s3, carry) = addWithCarry(a.storage.3, b.storage.3, carry)
        return subtractModulusIfNeeded(s0, s1, s2, s3, carry: carry)
    }

    /// `a − b mod m` for `a, b < m`.
    @inline(__always)
    static func modularDifference(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        var borrow: UInt64
        var d0, d1, d2, d3: UInt64
        (d0, borrow) = subtractWithBorrow(a.storage.0, b.storage.0, 0)
        (d1, borrow) = subtractWithBorrow(a.storage.1, b.storage.1, borrow)
        (d2, borrow) = subtractWithBorrow(a.storage.2, b.storage.2, borrow)
        (d3, borrow) = subtractWithBorrow(a.storage.3, b.storage.3, borrow)
        // Went below zero: add m back (the carry out of that addition cancels the borrow).
        let mask = 0 &- borrow
        let m = modulus.storage
        var carry: UInt64
        (d0, carry) = addWithCarry(d0, m.0 & mask, 0)
        (d1, carry) = addWithCarry(d1, m.1 & mask, carry)
        (d2, carry) = addWithCarry(d2, m.2 & mask, carry)
        (d3, _) = addWithCarry(d3, m.3 & mask, carry)
        return Limbs4(d0, d1, d2, d3)
    }

    /// `t·2⁻²⁵⁶ mod m` for a 512-bit `t < m·2²⁵⁶`: four word-by-word Montgomery steps on the
    /// low half `L` give `L' = (L + Q·m) / 2²⁵⁶ ≤ m` (each step's window stays below
    /// `2¹⁹² + m < 2²⁵⁶`), then the high half is added (`< 2m`) and one conditional subtraction
    /// finishes.
    @inline(__always)
    static func montgomeryReduce(_ t: WideLimbs) -> Limbs4 {
        let m = modulus.storage
        var (s0, s1, s2, s3) = (t.0, t.1, t.2, t.3)
        var step = 0
        while step < 4 {  // unrolled by the optimiser; `while` keeps debug builds fast
            let q = s0 &* negativeInverse
            var carry: UInt64
            (_, carry) = multiplyAdd(q, m.0, s0, 0)  // the low limb becomes 0 by the choice of q
            (s0, carry) = multiplyAdd(q, m.1, s1, carry)
            (s1, carry) = multiplyAdd(q, m.2, s2, carry)
            (s2, carry) = multiplyAdd(q, m.3, s3, carry)
            s3 = carry
            step &+= 1
        }
        var carry: UInt64
        (s0, carry) = addWithCarry(s0, t.4, 0)
        (s1, carry) = addWithCarry(s1, t.5, carry)
        (s2, carry) = addWithCarry(s2, t.6, carry)
        (s3, carry) = addWithCarry(s3, t.7, carry)
        return subtractModulusIfNeeded(s0, s1, s2, s3, carry: carry)
    }

    /// The value `(s₀ … s₃) + carry·2²⁵⁶ < 2m`, reduced below `m` without branching.
    @inline(__always)
    static func subtractModulusIfNeeded(
        _ s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64, carry: UInt64
    ) -> Limbs4 {
        let m = modulus.storage
        var borrow: UInt64
        let d0, d1, d2, d3: UInt64
        (d0, borrow) = subtractWithBorrow(s0, m.0, 0)
        (d1, borrow) = subtractWithBorrow(s1, m.1, borrow)
        (d2, borrow) = subtractWithBorrow(s2, m.2, borrow)
        (d3, borrow) = subtractWithBorrow(s3, m.3, borrow)
        // Keep the difference when it did not borrow, or when the carry absorbs the borrow.
        let keep = 0 &- ((borrow ^ 1) | carry)
        return Limbs4(
            (d0 & keep) | (s0 & ~keep), (d1 & keep) | (s1 & ~keep),
            (d2 & keep) | (s2 & ~keep), (d3 & keep) | (s3 & ~keep))
    }
}

/// The full 512-bit product `a·b` (16 limb products, row by row).
@inline(__always)
func fullProduct(_ a: Limbs4, _ b: Limbs4) -> WideLimbs {
    let (a0, a1, a2, a3) = a.storage
    let (b0, b1, b2, b3) = b.storage
    var carry: UInt64
    var t0, t1, t2, t3, t4, t5, t6, t7: UInt64
    // Row 0: t = a·b₀.
    (t0, carry) = multiplyAdd(a0, b0, 0, 0)
    (t1, carry) = multiplyAdd(a1, b0, 0, carry)
    (t2, carry) = multiplyAdd(a2, b0, 0, carry)
    (t3, t4) = multiplyAdd(a3, b0, 0, carry)
    // Row 1: t += a·b₁·2⁶⁴.
    (t1, carry) = multiplyAdd(a0, b1, t1, 0)
    (t2, carry) = multiplyAdd(a1, b1, t2, carry)
    (t3, carry) = multiplyAdd(a2, b1, t3, carry)
    (t4, t5) = multiplyAdd(a3, b1, t4, carry)
    // Row 2.
    (t2, carry) = multiplyAdd(a0, b2, t2, 0)
    (t3, carry) = multiplyAdd(a1, b2, t3, carry)
    (t4, carry) = multiplyAdd(a2, b2, t4, carry)
    (t5, t6) = multiplyAdd(a3, b2, t5, carry)
    // Row 3.
    (t3, carry) = multiplyAdd(a0, b3, t3, 0)
    (t4, carry) = multiplyAdd(a1, b3, t4, carry)
    (t5, carry) = multiplyAdd(a2, b3, t5, carry)
    (t6, t7) = multiplyAdd(a3, b3, t6, carry)
    return (t0, t1, t2, t3, t4, t5, t6, t7)
}

/// The full 512-bit square `a²` with 10 limb products: each cross product `aᵢ·aⱼ` (`i < j`)
/// occurs twice in the square, so it is computed once and the sum of them doubled.
@inline(__always)
func fullSquare(_ a: Limbs4) -> WideLimbs {
    let (a0, a1, a2, a3) = a.storage
    var carry: UInt64
    // The cross products Σ_{i<j} aᵢ·aⱼ·2^(64(i+j)), in limbs 1…6.
    var t1, t2, t3, t4, t5, t6: UInt64
    (t1, carry) = multiplyAdd(a0, a1, 0, 0)
    (t2, carry) = multiplyAdd(a0, a2, 0, carry)
    (t3, t4) = multiplyAdd(a0, a3, 0, carry)
    (t3, carry) = multiplyAdd(a1, a2, t3, 0)
    (t4, t5) = multiplyAdd(a1, a3, t4, carry)
    (t5, t6) = multiplyAdd(a2, a3, t5, 0)
    // Double them; twice the cross sum is below a² < 2⁵¹², so the shift loses nothing.
    let t7 = t6 &>> 63
    t6 = (t6 &<< 1) | (t5 &>> 63)
    t5 = (t5 &<< 1) | (t4 &>> 63)
    t4 = (t4 &<< 1) | (t3 &>> 63)
    t3 = (t3 &<< 1) | (t2 &>> 63)
    t2 = (t2 &<< 1) | (t1 &>> 63)
    t1 = t1 &<< 1
    // Add the squares aᵢ²·2^(128i).
    let square0 = wide(a0) &* wide(a0)
    let square1 = wide(a1) &* wide(a1)
    let square2 = wide(a2) &* wide(a2)
    let square3 = wide(a3) &* wide(a3)
    var u1, u2, u3, u4, u5, u6, u7: UInt64
    (u1, carry) = addWithCarry(t1, square0._high, 0)
    (u2, carry) = addWithCarry(t2, square1._low, carry)
    (u3, carry) = addWithCarry(t3, square1._high, carry)
    (u4, carry) = addWithCarry(t4, square2._low, carry)
    (u5, carry) = addWithCarry(t5, square2._high, carry)
    (u6, carry) = addWithCarry(t6, square3._low, carry)
    (u7, _) = addWithCarry(t7, square3._high, carry)
    return (square0._low, u1, u2, u3, u4, u5, u6, u7)
}

// MARK: - Limb helpers

/// `x·y + addend + carry` as (low limb, high limb); never overflows 128 bits.
@inline(__always)
func multiplyAdd(_ x: UInt64, _ y: UInt64, _ addend: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let product = wide(x) &* wide(y) &+ wide(addend) &+ wide(carry)
    return (product._low, product._high)
}

/// `x + y + carry` (carry 0 or 1) as (sum limb, carry out).
@inline(__always)
func addWithCarry(_ x: UInt64, _ y: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let sum = wide(x) &+ wide(y) &+ wide(carry)
    return (sum._low, sum._high)
}

/// `x − y − borrow` (borrow 0 or 1) as (difference limb, borrow out).
///
/// Computed as the addition `x + ~y + (1 − borrow)`, whose carry out is `1 − borrow out`: the
/// optimiser turns chains of these into `add`/`adc` sequences, whereas a 128-bit subtraction
/// compiled to several sign-extension steps per limb.
@inline(__always)
func subtractWithBorrow(_ x: UInt64, _ y: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
    let sum = wide(x) &+ wide(~y) &+ wide(1 &- borrow)
    return (sum._low, sum._high ^ 1)
}
