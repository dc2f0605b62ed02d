/// An odd modulus `n` prepared once for Montgomery arithmetic: its limbs, `n0inv = -n⁻¹ mod 2⁶⁴`
/// and `R² mod n` with `R = 2^(64·limbCount)`.
///
/// Build one per key when the key is loaded; every exponentiation then runs without recomputing
/// anything and without heap allocation (scratch space comes from
/// `withUnsafeTemporaryAllocation`, which lives on the stack for these sizes).
///
/// ```swift
/// guard let context = MontgomeryContext(limbs: nLimbs) else { … }  // n odd and > 1
/// context.power(s, publicExponent: 65537, into: m)   // s, m: limbCount-limb buffers; m = s^e mod n
/// ```
struct MontgomeryContext: Sendable, Hashable {
    /// Number of 64-bit limbs of `n` (the most significant limb is non-zero).
    let limbCount: Int
    /// `n`, little-endian limbs.
    let modulus: [UInt64]
    /// `-n⁻¹ mod 2⁶⁴`, the per-limb reduction factor of the CIOS method.
    let negatedInverse: UInt64
    /// `R² mod n`, used to move a value into the Montgomery domain with one multiplication.
    let rSquared: [UInt64]
    /// Significant bits of `n`.
    let bitCount: Int

    /// Prepares `limbs` (little-endian; high zero limbs are trimmed). Returns `nil` when the value
    /// is even or smaller than 3.
    init?(limbs: [UInt64]) {
        var trimmed = limbs
        while let last = trimmed.last, last == 0 { trimmed.removeLast() }
        guard let low = trimmed.first, low & 1 == 1, trimmed.count > 1 || low > 1 else { return nil }
        let count = trimmed.count
        limbCount = count
        modulus = trimmed
        bitCount = count * 64 - trimmed[count - 1].leadingZeroBitCount

        // Newton iteration: each step doubles the number of correct low bits (1 → 64 in 6 steps).
        var inverse: UInt64 = 1
        for _ in 0..<6 { inverse = inverse &* (2 &- low &* inverse) }
        negatedInverse = 0 &- inverse

        // R² mod n by doubling: start from the largest power of two below n, double with a
        // conditional subtraction until 2^(128·count) is reached. This is O(count²·64) limb
        // operations, done once per key.
        var value = [UInt64](repeating: 0, count: count)
        let startBit = bitCount - 1
        value[startBit / 64] = 1 << UInt64(startBit % 64)
        value.withUnsafeMutableBufferPointer { valuePointer in
            trimmed.withUnsafeBufferPointer { nPointer in
                let v = valuePointer.nonEmptyBase
                let n = nPointer.nonEmptyBase
                for _ in startBit..<(128 * count) {
                    var carry: UInt64 = 0
                    for index in 0..<count {
                        let limb = v[index]
                        v[index] = (limb << 1) | carry
                        carry = limb >> 63
                    }
                    if carry != 0 || Limbs.compare(v, n, count: count) >= 0 {
                        var borrow: UInt64 = 0
                        for index in 0..<count {
                            let (d1, o1) = v[index].subtractingReportingOverflow(n[index])
                            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                            v[index] = d2
                            borrow = (o1 ? 1 : 0) | (o2 ? 1 : 0)
                        }
                    }
                }
            }
        }
        rSquared = value
    }

    /// Scratch limbs a ``MontgomeryKernel`` needs for this modulus.
    var scratchLimbCount: Int { 2 * limbCount + 2 }

    /// Runs `body` with a kernel bound to this modulus and fresh stack scratch space.
    @inline(__always)
    func withKernel<Result>(_ body: (MontgomeryKernel) -> Result) -> Result {
        modulus.withUnsafeBufferPointer { nBuffer in
            rSquared.withUnsafeBufferPointer { r2Buffer in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchLimbCount) { scratch in
                    body(MontgomeryKernel(
                        modulus: nBuffer.nonEmptyBase, rSquared: r2Buffer.nonEmptyBase,
                        negatedInverse: negatedInverse, count: limbCount, scratch: scratch.nonEmptyBase))
                }
            }
        }
    }
}
