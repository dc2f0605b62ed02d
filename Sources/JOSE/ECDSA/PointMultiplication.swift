/// Scalar multiplication on the curve, by width-w non-adjacent form over precomputed odd multiples.
/// Variable time: the sequence of additions depends on the scalars.
extension ECDSA {
    /// `a·G + b·Q` for canonical scalars `a`, `b` (variable time), with one shared chain of doublings.
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

    /// `k·G` for a canonical scalar `k` (variable time; see ``ECPrivateKey`` for what that means).
    static func generatorMultiple<Curve: PrimeCurve>(_ k: Curve.FieldModulus.Limbs) -> JacobianPoint<Curve> {
        typealias Limbs = Curve.FieldModulus.Limbs
        let generatorMultiples = Curve.constants.generatorOddMultiples
        return withUnsafeTemporaryAllocation(of: Int16.self, capacity: Limbs.nonAdjacentFormCapacity) { buffer in
            guard let digits = buffer.baseAddress else { return JacobianPoint.infinity }
            let length = k.writeNonAdjacentForm(width: CurveConstants<Curve>.generatorWindowWidth, into: digits)
            var accumulator = JacobianPoint<Curve>.infinity
            var index = length &- 1
            while index >= 0 {
                accumulator = accumulator.doubled()
                let digit = Int(digits[index])
                if digit > 0 {
                    accumulator = accumulator.adding(generatorMultiples[digit &>> 1])
                } else if digit < 0 {
                    accumulator = accumulator.adding(generatorMultiples[(0 &- digit) &>> 1].negated())
                }
                index &-= 1
            }
            return accumulator
        }
    }
}
