/// Scalar multiplication: the variable-time double-scalar multiplication verification uses
/// (public scalars), and the constant-time fixed-base multiplication signing uses (secret scalars).
extension ECDSA {
    /// `a·G + b·Q` for public canonical scalars `a`, `b`, by interleaved width-w non-adjacent
    /// forms over precomputed odd multiples, with one shared chain of doublings. Variable time:
    /// the sequence of additions depends on the scalars.
    static func linearCombination<Curve: PrimeCurve>(
        _ a: Curve.FieldModulus.Limbs, generatorAnd b: Curve.FieldModulus.Limbs,
        publicKey: ECDSAPublicPoint<Curve>
    ) -> JacobianPoint<Curve> {
        typealias Limbs = Curve.FieldModulus.Limbs
        let generatorMultiples = Curve.constants.generatorOddMultiples
        let keyMultiples = publicKey.oddMultiples
        let capacity = Limbs.nonAdjacentFormCapacity
        return withUnsafeTemporaryAllocation(of: Int16.self, capacity: 2 &* capacity) { buffer in
            guard let digits = buffer.baseAddress else { return JacobianPoint.infinity }
            let aDigits = digits
            let bDigits = digits + capacity
            let aLength = a.writeNonAdjacentForm(
                width: CurveConstants<Curve>.generatorWindowWidth, into: aDigits)
            let bLength = b.writeNonAdjacentForm(width: ECDSAPublicPoint<Curve>.windowWidth, into: bDigits)
            var accumulator = JacobianPoint<Curve>.infinity
            var index = Swift.max(aLength, bLength) &- 1
            while index >= 0 {
                accumulator = accumulator.doubled()
                let aDigit = Int(aDigits[index])
                if aDigit > 0 {
                    accumulator = accumulator.adding(generatorMultiples[aDigit &>> 1])
                } else if aDigit < 0 {
                    accumulator = accumulator.adding(generatorMultiples[(0 &- aDigit) &>> 1].negated())
                }
                let bDigit = Int(bDigits[index])
                if bDigit > 0 {
                    accumulator = accumulator.adding(keyMultiples[bDigit &>> 1])
                } else if bDigit < 0 {
                    accumulator = accumulator.adding(keyMultiples[(0 &- bDigit) &>> 1].negated())
                }
                index &-= 1
            }
            return accumulator
        }
    }

    /// `k·G` for a secret canonical scalar `k < 2^(64·count)`, with an instruction sequence and
    /// memory-access pattern independent of `k`: fixed 4-bit windows from the top, four
    /// doublings and one addition per window under the complete projective law, and each table
    /// entry selected by scanning the whole table with masks. Used for signing nonces and for
    /// deriving public keys.
    static func constantTimeGeneratorMultiple<Curve: PrimeCurve>(
        _ k: Curve.FieldModulus.Limbs
    ) -> ProjectivePoint<Curve> {
        typealias Limbs = Curve.FieldModulus.Limbs
        let table = Curve.constants.generatorSmallMultiples
        var accumulator = ProjectivePoint<Curve>.infinity
        var bitIndex = Limbs.count &* 64
        while bitIndex > 0 {
            bitIndex &-= 4
            accumulator = accumulator.doubled().doubled().doubled().doubled()
            let window = k.bits(at: bitIndex, count: 4)
            var selected = ProjectivePoint<Curve>.infinity
            var entry: UInt64 = 0
            while entry < 16 {
                // mask = all ones exactly when entry == window, computed without a branch.
                let difference = entry ^ window
                let isEqual = ((difference | (0 &- difference)) &>> 63) ^ 1
                selected.assign(table[Int(entry)], ifMask: 0 &- isEqual)
                entry &+= 1
            }
            accumulator = accumulator.adding(selected)
        }
        return accumulator
    }
}
