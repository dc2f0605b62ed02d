import Testing
@testable import JOSE

/// The field, scalar and point arithmetic behind ECDSA, checked through algebraic identities and
/// the curves' defining properties (G on the curve, n·G = ∞).
@Suite("ECDSA arithmetic")
struct ECArithmeticTests {
    @Test("Montgomery constants agree with the moduli")
    func montgomeryConstants() {
        func check<M: MontgomeryModulus>(_: M.Type) {
            // −m⁻¹ · m ≡ −1 (mod 2⁶⁴)
            #expect(M.negativeInverse &* M.modulus[limb: 0] == UInt64.max)
            // Leaving and re-entering Montgomery form is the identity (this exercises R² mod m).
            var value = M.Limbs()
            value[limb: 0] = 0x1234_5678_9abc_def0
            value[limb: M.Limbs.count - 1] = 0x0fed_cba9_8765_4321
            #expect(ModularInteger<M>(reduced: value).canonical == value)
            // (m − 1)² ≡ 1 (mod m)
            var minusOne = M.modulus
            minusOne[limb: 0] -= 1
            let element = ModularInteger<M>(reduced: minusOne)
            #expect((element * element).canonical == ModularInteger<M>.one.canonical)
        }
        check(P256FieldModulus.self)
        check(P256OrderModulus.self)
        check(P384FieldModulus.self)
        check(P384OrderModulus.self)
    }

    @Test("Field and scalar identities hold for pseudo-random values")
    func identities() {
        func check<M: MontgomeryModulus>(_: M.Type) {
            var generator = ECTestRandomGenerator(seed: 0x5eed)
            for _ in 0..<50 {
                let a = ECTestSupport.randomResidue(M.self, using: &generator)
                let b = ECTestSupport.randomResidue(M.self, using: &generator)
                let c = ECTestSupport.randomResidue(M.self, using: &generator)
                #expect((a + b) - b == a)
                #expect(a - a == .zero)
                #expect(a + a.negated() == .zero)
                #expect(a * (b + c) == a * b + a * c)
                #expect(a * b == b * a)
                if !a.isZero { #expect(a * a.inverse() == .one) }
            }
            #expect(ModularInteger<M>.zero.inverse() == .zero)
        }
        check(P256FieldModulus.self)
        check(P256OrderModulus.self)
        check(P384FieldModulus.self)
        check(P384OrderModulus.self)
    }

    @Test("The base point is on the curve and has order n")
    func generatorOrder() {
        func check<Curve: PrimeCurve>(_: Curve.Type) {
            let constants = Curve.constants
            #expect(constants.generator.isOnCurve)
            for multiple in constants.generatorOddMultiples { #expect(multiple.isOnCurve) }
            // (n − 1)·G = −G, and −G + G = ∞.
            var nMinusOne = Curve.OrderModulus.modulus
            nMinusOne[limb: 0] -= 1
            let minusG = ECTestSupport.variableTimeGeneratorMultiple(nMinusOne, on: Curve.self)
            #expect(minusG.affine == constants.generator.negated())
            #expect(minusG.adding(constants.generator).isInfinity)
            #expect(JacobianPoint(constants.generator).adding(minusG).isInfinity)
        }
        check(P256.self)
        check(P384.self)
    }

    @Test("Point addition handles doubling, inverses and infinity")
    func additionSpecialCases() {
        func check<Curve: PrimeCurve>(_: Curve.Type) {
            let g = Curve.constants.generator
            let jacobianG = JacobianPoint(g)
            let infinity = JacobianPoint<Curve>.infinity
            // P + P (Jacobian and mixed forms) equals 2P.
            let twoG = jacobianG.doubled().affine
            #expect(jacobianG.adding(jacobianG).affine == twoG)
            #expect(jacobianG.adding(g).affine == twoG)
            // P + ∞ = ∞ + P = P; ∞ + ∞ = ∞; 2·∞ = ∞.
            #expect(jacobianG.adding(infinity).affine == g)
            #expect(infinity.adding(jacobianG).affine == g)
            #expect(infinity.adding(g).affine == g)
            #expect(infinity.adding(infinity).isInfinity)
            #expect(infinity.doubled().isInfinity)
            // P + (−P) = ∞ in both forms.
            #expect(jacobianG.adding(g.negated()).isInfinity)
            #expect(jacobianG.adding(JacobianPoint(g.negated())).isInfinity)
            // Same point with a different Z: 3G computed two ways, then added to itself.
            let threeG = jacobianG.doubled().adding(g)
            let threeGOther = jacobianG.adding(jacobianG.doubled())
            #expect(threeG.affine == threeGOther.affine)
            #expect(threeG.adding(threeGOther).affine == threeG.doubled().affine)
            // The odd-multiple table really holds G, 3G, 5G, …
            #expect(Curve.constants.generatorOddMultiples[1] == threeG.affine)
        }
        check(P256.self)
        check(P384.self)
    }

    @Test("Double-scalar multiplication matches separate multiplications")
    func linearCombination() throws {
        func check<Curve: PrimeCurve>(_: Curve.Type) throws {
            var generator = ECTestRandomGenerator(seed: 42)
            for _ in 0..<5 {
                let d = ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &generator)
                let keyPoint = ECTestSupport.variableTimeGeneratorMultiple(d.canonical, on: Curve.self)
                let key = ECDSAPublicPoint(validated: try #require(keyPoint.affine))
                let a = ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &generator)
                let b = ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &generator)
                // a·G + b·(d·G) = (a + b·d)·G
                let combined = ECDSA.linearCombination(a.canonical, generatorAnd: b.canonical, publicKey: key)
                let direct = ECTestSupport.variableTimeGeneratorMultiple((a + b * d).canonical, on: Curve.self)
                #expect(combined.affine == direct.affine)
            }
        }
        try check(P256.self)
        try check(P384.self)
    }

    @Test("wNAF digits reconstruct the scalar and respect the width")
    func nonAdjacentForm() {
        var generator = ECTestRandomGenerator(seed: 7)
        for width in [2, 5, 6, 8] {
            for _ in 0..<20 {
                var value = Limbs4()
                for index in 0..<4 { value[limb: index] = generator.next() }
                var digits = [Int16](repeating: 0, count: Limbs4.nonAdjacentFormCapacity)
                let length = digits.withUnsafeMutableBufferPointer { buffer in
                    value.writeNonAdjacentForm(width: width, into: buffer.baseAddress!)
                }
                // Recompose Σ dᵢ·2ⁱ with the scalar field (mod n), compare with value mod n.
                var sum = ModularInteger<P256OrderModulus>.zero
                var lastNonZero = -width
                for index in stride(from: length - 1, through: 0, by: -1) {
                    sum = sum + sum
                    let digit = Int(digits[index])
                    if digit != 0 {
                        #expect(digit % 2 != 0 && abs(digit) < 1 << (width - 1))
                        var magnitude = Limbs4()
                        magnitude[limb: 0] = UInt64(abs(digit))
                        let term = ModularInteger<P256OrderModulus>(reduced: magnitude)
                        sum = digit > 0 ? sum + term : sum - term
                    }
                }
                for index in 0..<length where digits[index] != 0 {
                    #expect(index - lastNonZero >= width, "digits too close at \(index) for width \(width)")
                    lastNonZero = index
                }
                #expect(sum == ModularInteger<P256OrderModulus>(reducingOnce: value))
            }
        }
    }

    @Test("The complete projective law agrees with the Jacobian formulas, special cases included")
    func completeAddition() {
        func check<Curve: PrimeCurve>(_: Curve.Type) {
            var generator = ECTestRandomGenerator(seed: 99)
            let g = Curve.constants.generator
            let infinity = ProjectivePoint<Curve>.infinity
            for _ in 0..<4 {
                let a = ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &generator)
                let b = ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &generator)
                let jacobianP = ECTestSupport.variableTimeGeneratorMultiple(a.canonical, on: Curve.self)
                let jacobianQ = ECTestSupport.variableTimeGeneratorMultiple(b.canonical, on: Curve.self)
                guard let p = jacobianP.affine, let q = jacobianQ.affine else {
                    Issue.record("random multiple was infinity")
                    return
                }
                let projectiveP = ProjectivePoint(p)
                let projectiveQ = ProjectivePoint(q)
                #expect(projectiveP.adding(projectiveQ).affine == jacobianP.adding(jacobianQ).affine)
                #expect(projectiveP.doubled().affine == jacobianP.doubled().affine)
                #expect(projectiveP.adding(ProjectivePoint(p.negated())).affine == nil)
                #expect(projectiveP.adding(infinity).affine == p)
                #expect(infinity.adding(projectiveP).affine == p)
                // A point with Z ≠ 1 added to the same point with Z = 1 (the doubling case).
                let pScaled = ProjectivePoint<Curve>(x: projectiveP.x * p.y, y: projectiveP.y * p.y, z: p.y)
                #expect(pScaled.adding(projectiveP).affine == jacobianP.doubled().affine)
            }
            #expect(infinity.adding(infinity).affine == nil)
            #expect(infinity.doubled().affine == nil)
            #expect(ProjectivePoint(g).adding(infinity).affine == g)
        }
        check(P256.self)
        check(P384.self)
    }

    @Test("Constant-time k·G matches the variable-time wNAF multiplication")
    func constantTimeGeneratorMultiple() {
        func check<Curve: PrimeCurve>(_: Curve.Type) {
            var generator = ECTestRandomGenerator(seed: 1234)
            var scalars: [Curve.FieldModulus.Limbs] = []
            var one = Curve.FieldModulus.Limbs()
            one[limb: 0] = 1
            var nMinusOne = Curve.OrderModulus.modulus
            nMinusOne[limb: 0] -= 1
            var small = Curve.FieldModulus.Limbs()
            small[limb: 0] = 0x1_0000_0001  // leading windows all zero
            scalars += [one, nMinusOne, small]
            for _ in 0..<4 {
                scalars.append(ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &generator).canonical)
            }
            for k in scalars {
                let constantTime = ECDSA.constantTimeGeneratorMultiple(k) as ProjectivePoint<Curve>
                let variableTime = ECTestSupport.variableTimeGeneratorMultiple(k, on: Curve.self)
                #expect(constantTime.affine == variableTime.affine)
            }
            // 0·G and n·G are the point at infinity.
            let zero = ECDSA.constantTimeGeneratorMultiple(Curve.FieldModulus.Limbs()) as ProjectivePoint<Curve>
            #expect(zero.affine == nil)
            let order = ECDSA.constantTimeGeneratorMultiple(Curve.OrderModulus.modulus) as ProjectivePoint<Curve>
            #expect(order.affine == nil)
        }
        check(P256.self)
        check(P384.self)
    }
}
