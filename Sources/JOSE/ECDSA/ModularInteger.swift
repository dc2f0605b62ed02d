/// An integer modulo `Modulus.modulus`, held in Montgomery form (`a·R mod m`), always fully reduced.
///
/// This one generic type is both the field-element type of a curve (modulo `p`) and its scalar type
/// (modulo `n`). Arithmetic uses fixed-size inline limbs and 128-bit limb products, allocates
/// nothing on the heap, and specialises per modulus. `+`, `−`, `*` and `power` are branch-free
/// (conditional corrections use masks); conversions from integers and bytes compare in variable
/// time. Verification needs no more; see `ECPrivateKey` for what this means for signing.
struct ModularInteger<Modulus: MontgomeryModulus>: Sendable, Equatable {
    typealias Limbs = Modulus.Limbs

    /// `a·R mod m`, fully reduced.
    var montgomeryLimbs: Limbs

    /// Wraps limbs that are already in Montgomery form and below the modulus.
    @inline(__always)
    init(montgomeryLimbs: Limbs) { self.montgomeryLimbs = montgomeryLimbs }

    /// Zero.
    @inline(__always)
    static var zero: Self { Self(montgomeryLimbs: Limbs()) }

    /// One (`R mod m` in Montgomery form).
    static var one: Self {
        var one = Limbs()
        one[limb: 0] = 1
        return Self(reduced: one)
    }

    /// Brings a canonical integer `value < m` into Montgomery form.
    @inline(__always)
    init(reduced value: Limbs) {
        self = Self(montgomeryLimbs: value) * Self(montgomeryLimbs: Modulus.rSquared)
    }

    /// Brings `value` into Montgomery form after one conditional subtraction of `m`, so
    /// `value` must be below `2m` (true for any integer of the modulus's bit length when `m`
    /// has its top bit set, as every modulus here does).
    init(reducingOnce value: Limbs) {
        var reduced = value
        if !value.isLess(than: Modulus.modulus) { reduced.subtract(Modulus.modulus) }
        self.init(reduced: reduced)
    }

    /// Reads exactly `Limbs.byteCount` big-endian bytes holding an integer below `m`;
    /// `nil` for another length or an out-of-range value.
    init?(canonicalBytes bytes: some Collection<UInt8>) {
        guard let value = Limbs(bigEndianBytes: bytes), value.isLess(than: Modulus.modulus) else { return nil }
        self.init(reduced: value)
    }

    /// The canonical integer (out of Montgomery form).
    var canonical: Limbs {
        var one = Limbs()
        one[limb: 0] = 1
        return (self * Self(montgomeryLimbs: one)).montgomeryLimbs
    }

    /// The canonical integer as exactly `Limbs.byteCount` big-endian bytes.
    var canonicalBytes: [UInt8] { canonical.bigEndianBytes }

    /// Whether this is zero.
    @inline(__always)
    var isZero: Bool { montgomeryLimbs.isZero }

    // MARK: Arithmetic

    /// `lhs + rhs mod m`.
    @inline(__always)
    static func + (lhs: Self, rhs: Self) -> Self {
        Self(montgomeryLimbs: Modulus.modularSum(lhs.montgomeryLimbs, rhs.montgomeryLimbs))
    }

    /// `lhs − rhs mod m`.
    @inline(__always)
    static func - (lhs: Self, rhs: Self) -> Self {
        Self(montgomeryLimbs: Modulus.modularDifference(lhs.montgomeryLimbs, rhs.montgomeryLimbs))
    }

    /// The Montgomery product: for residues in Montgomery form this is the residue of `lhs · rhs`.
    @inline(__always)
    static func * (lhs: Self, rhs: Self) -> Self {
        Self(montgomeryLimbs: Modulus.montgomeryProduct(lhs.montgomeryLimbs, rhs.montgomeryLimbs))
    }

    /// `self²`.
    @inline(__always)
    func squared() -> Self { Self(montgomeryLimbs: Modulus.montgomerySquare(montgomeryLimbs)) }

    /// `2·self`.
    @inline(__always)
    func doubled() -> Self { self + self }

    /// `−self`.
    @inline(__always)
    func negated() -> Self { Self.zero - self }

    /// `self^exponent` by left-to-right fixed 4-bit windows. The sequence of operations depends
    /// only on the exponent's bit length, not on `self`.
    func power(_ exponent: Limbs) -> Self {
        withUnsafeTemporaryAllocation(of: Self.self, capacity: 16) { table in
            table.initialize(repeating: .one)
            for index in 1..<16 { table[index] = table[index &- 1] * self }
            var result = Self.one
            var bitIndex = Limbs.count &* 64
            while bitIndex > 0 {
                bitIndex &-= 4
                result = result.squared().squared().squared().squared()
                result = result * table[Int(exponent.bits(at: bitIndex, count: 4))]
            }
            return result
        }
    }

    /// `self⁻¹` by Fermat's little theorem (`self^(m−2)`); zero maps to zero. `m` is prime.
    func inverse() -> Self {
        var exponent = Modulus.modulus
        var two = Limbs()
        two[limb: 0] = 2
        exponent.subtract(two)
        return power(exponent)
    }
}

// MARK: - Limb-level Montgomery routines

/// Subtracts `modulus` from the `count`-limb value `r` (with an extra top bit `carry`) when the
/// value is at least the modulus. Requires the value to be below `2·modulus`.
@inline(__always)
func reduceOnce(_ r: UnsafeMutablePointer<UInt64>, carry: UInt64, modulus m: UnsafePointer<UInt64>, count: Int) {
    var borrow: UInt64 = 0
    var difference = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    withUnsafeMutablePointer(to: &difference) { tuple in
        tuple.withMemoryRebound(to: UInt64.self, capacity: 6) { d in
            borrow = subtractLimbs(d, r, m, count: count)
            // Keep the difference when it did not borrow, or when the carry absorbs the borrow.
            let keepDifference = (borrow ^ 1) | carry
            let mask = 0 &- keepDifference
            var index = 0
            while index < count {
                r[index] = (d[index] & mask) | (r[index] & ~mask)
                index &+= 1
            }
        }
    }
}

/// Adds `modulus` back to `r` when `borrow` is 1 (after a subtraction went below zero).
@inline(__always)
func addBackModulus(_ r: UnsafeMutablePointer<UInt64>, borrow: UInt64, modulus m: UnsafePointer<UInt64>, count: Int) {
    let mask = 0 &- borrow
    var carry: UInt64 = 0
    var index = 0
    while index < count {
        let sum = wide(r[index]) &+ wide(m[index] & mask) &+ wide(carry)
        r[index] = sum._low
        carry = sum._high
        index &+= 1
    }
}

/// Montgomery multiplication (CIOS, Koç–Acar–Kaliski 1996): `r = a·b·R⁻¹ mod m` for
/// `a, b < m < 2^(64·count)`, `count ≤ 6`. `r` must not alias `a` or `b` and need not be initialised.
@inline(__always)
func montgomeryMultiply(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    modulus m: UnsafePointer<UInt64>, negativeInverse: UInt64, count: Int
) {
    // `while` loops rather than `for … in 0..<count`: identical once optimised, but an
    // unoptimised build calls the generic range iterator for every step of a `for` loop.
    var index = 0
    while index < count {
        r[index] = 0
        index &+= 1
    }
    var top: UInt64 = 0  // limb `count` of the running sum
    var i = 0
    while i < count {
        let bi = b[i]
        // r += a·b[i]
        var carry: UInt64 = 0
        var j = 0
        while j < count {
            let product = wide(a[j]) &* wide(bi) &+ wide(r[j]) &+ wide(carry)
            r[j] = product._low
            carry = product._high
            j &+= 1
        }
        let topSum = wide(top) &+ wide(carry)
        let extra = topSum._high  // limb `count + 1`, 0 or 1
        top = topSum._low
        // r = (r + q·m) / 2⁶⁴ with q chosen so the low limb vanishes
        let q = r[0] &* negativeInverse
        var product = wide(q) &* wide(m[0]) &+ wide(r[0])
        carry = product._high
        j = 1
        while j < count {
            product = wide(q) &* wide(m[j]) &+ wide(r[j]) &+ wide(carry)
            r[j &- 1] = product._low
            carry = product._high
            j &+= 1
        }
        let shifted = wide(top) &+ wide(carry)
        r[count &- 1] = shifted._low
        top = extra &+ shifted._high
        i &+= 1
    }
    reduceOnce(r, carry: top, modulus: m, count: count)
}
