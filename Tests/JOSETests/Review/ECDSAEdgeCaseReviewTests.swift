import Testing
@testable import JOSE

/// Security review of the ECDSA edge cases attacks.md A3 #12 asks about and the Wycheproof
/// vectors reach only indirectly: wNAF recoding of edge scalars, the double-scalar multiplication
/// at special points, the `x(R) mod n` comparison when `x(R) ≥ n`, and digest truncation.
@Suite("Review: ECDSA edge cases")
struct ECDSAEdgeCaseReviewTests {
    // MARK: wNAF recoding

    /// Scalars whose recoding hits the boundaries: zero, one, runs of ones (carries that ripple
    /// to the top digit), single bits at every limb edge, alternating patterns, all ones, and the
    /// moduli with their neighbours.
    static func edgeScalars<L: LimbStorage>(_: L.Type, moduli: [L]) -> [L] {
        let bits = L.count * 64
        var values: [L] = [L()]
        func value(setting positions: some Sequence<Int>) -> L {
            var v = L()
            for position in positions { v[limb: position / 64] |= 1 << UInt64(position % 64) }
            return v
        }
        for k in [1, 2, 3, 7, 8, 63, 64, 65, 127, 128, 129, 191, 192, 255, 256, 257, 319, 320, 383, 384] where k <= bits {
            values.append(value(setting: 0..<k))  // 2^k − 1
            values.append(value(setting: [k - 1]))  // 2^(k−1)
            values.append(value(setting: [0, k - 1]))  // 2^(k−1) + 1
        }
        values.append(value(setting: stride(from: 0, to: bits, by: 2)))  // 0x…5555
        values.append(value(setting: stride(from: 1, to: bits, by: 2)))  // 0x…AAAA
        values.append(value(setting: stride(from: 0, to: bits, by: 3)))
        values.append(value(setting: (0..<bits).filter { $0 % 8 != 0 }))  // runs of seven ones
        for modulus in moduli {
            var one = L()
            one[limb: 0] = 1
            var below = modulus
            below.subtract(one)
            var above = modulus
            above.add(one)
            values += [below, modulus, above]
        }
        return values
    }

    /// Recomposes `Σ digits[i]·2^i` exactly, in two's complement over one limb more than the
    /// scalar, and checks the wNAF invariants the point multiplication relies on.
    static func checkRecoding<L: LimbStorage>(_ value: L, width: Int) {
        let capacity = L.nonAdjacentFormCapacity
        var digits = [Int16](repeating: 0x5A5A, count: capacity)  // garbage: every entry must be written
        let length = digits.withUnsafeMutableBufferPointer { value.writeNonAdjacentForm(width: width, into: $0.baseAddress!) }
        #expect(length >= 0 && length <= capacity)
        var accumulator = [UInt64](repeating: 0, count: L.count + 1)
        var lastNonZero = Int.max / 2  // digits are visited from the top down
        for index in stride(from: capacity - 1, through: 0, by: -1) {
            // accumulator = 2·accumulator + digit
            var carry: UInt64 = 0
            for limb in 0..<accumulator.count {
                let next = accumulator[limb] >> 63
                accumulator[limb] = accumulator[limb] << 1 | carry
                carry = next
            }
            let digit = Int(digits[index])
            if index >= length {
                #expect(digit == 0, "digit \(index) beyond the reported length \(length)")
                continue
            }
            if digit != 0 {
                #expect(digit % 2 != 0, "even digit \(digit) at \(index)")
                #expect(abs(digit) < 1 << (width - 1), "digit \(digit) too large for width \(width)")
                #expect(lastNonZero - index >= width, "non-zero digits \(lastNonZero) and \(index) closer than \(width)")
                lastNonZero = index
                // Add the sign-extended digit.
                let extended = UInt64(bitPattern: Int64(digit))
                let fill: UInt64 = digit < 0 ? .max : 0
                var sumCarry: UInt64 = 0
                for limb in 0..<accumulator.count {
                    let addend = limb == 0 ? extended : fill
                    let (partial, overflow1) = accumulator[limb].addingReportingOverflow(addend)
                    let (sum, overflow2) = partial.addingReportingOverflow(sumCarry)
                    accumulator[limb] = sum
                    sumCarry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
                }
            }
        }
        if length > 0 { #expect(digits[length - 1] > 0, "the top digit of a positive scalar must be positive") }
        var expected = (0..<L.count).map { value[limb: $0] }
        expected.append(0)
        #expect(accumulator == expected, "recoding of \(expected) with width \(width)")
    }

    @Test func nonAdjacentFormOfEdgeScalarsIsExact() {
        let scalars4 = Self.edgeScalars(Limbs4.self, moduli: [P256FieldModulus.modulus, P256OrderModulus.modulus])
        let scalars6 = Self.edgeScalars(Limbs6.self, moduli: [P384FieldModulus.modulus, P384OrderModulus.modulus])
        for width in [2, 3, 4, 5, 6, 7, 8, 12, 16] {
            for value in scalars4 { Self.checkRecoding(value, width: width) }
            for value in scalars6 { Self.checkRecoding(value, width: width) }
        }
        #expect(scalars4.count == 1 + 15 * 3 + 4 + 6)
        #expect(scalars6.count == 1 + 20 * 3 + 4 + 6)
    }

    // MARK: double-scalar multiplication at special points

    /// `k·G` by plain left-to-right double-and-add over the bits of `k`: no recoding, no tables,
    /// no interleaving — an independent reference for the wNAF double-scalar multiplication.
    static func doubleAndAdd<Curve: PrimeCurve>(_ k: Curve.FieldModulus.Limbs, on _: Curve.Type) -> JacobianPoint<Curve> {
        var result = JacobianPoint<Curve>.infinity
        for position in stride(from: k.bitWidth - 1, through: 0, by: -1) {
            result = result.doubled()
            if k.bit(position) == 1 { result = result.adding(Curve.constants.generator) }
        }
        return result
    }

    /// `a·G + b·Q` against the independent double-and-add `(a + b·d)·G` for edge scalars and for
    /// the keys `Q = G`, `Q = −G` and `Q = 2G`, where the accumulator meets the table points
    /// (the doubling and cancellation branches of the mixed addition) and the sum may be ∞.
    @Test func linearCombinationAtSpecialPoints() {
        func check<Curve: PrimeCurve>(_: Curve.Type) {
            typealias Limbs = Curve.FieldModulus.Limbs
            func scalar(_ value: UInt64) -> Scalar<Curve> {
                var limbs = Limbs()
                limbs[limb: 0] = value
                return Scalar<Curve>(reduced: limbs)
            }
            let minusOne = Scalar<Curve>.zero - scalar(1)
            let half = minusOne * scalar(2).inverse()  // (n − 1)/2
            let scalars = [Scalar<Curve>.zero, scalar(1), scalar(2), minusOne, minusOne - scalar(1), half + scalar(1)]
            var checked = 0
            var infinities = 0
            for d in [scalar(1), minusOne, scalar(2)] {
                let keyPoint = ECDSA.constantTimeGeneratorMultiple(d.canonical) as ProjectivePoint<Curve>
                guard let affineKey = keyPoint.affine else {
                    Issue.record("d·G is infinity")
                    continue
                }
                let key = ECDSAPublicPoint(validated: affineKey)
                for a in scalars {
                    for b in scalars {
                        let combined = ECDSA.linearCombination(a.canonical, generatorAnd: b.canonical, publicKey: key)
                        let direct = Self.doubleAndAdd((a + b * d).canonical, on: Curve.self)
                        #expect(combined.affine == direct.affine)
                        if direct.affine == nil { infinities += 1 }
                        checked += 1
                    }
                }
            }
            #expect(checked == 3 * 6 * 6)
            // e.g. 1·G + 1·(−G), (n−1)·G + 1·G and 2·G + (n−1)·(2G)… the ∞ branch was reached.
            #expect(infinities >= 3)
        }
        check(P256.self)
        check(P384.self)
    }

    // MARK: x(R) mod n when x(R) ≥ n

    /// A key and signature for which `R = u1·G + u2·Q` has `x(R) = n + t` (so `r = t`): only the
    /// `r + n` candidate of the verifier's comparison matches. Built by choosing the point R first
    /// (the smallest `t ≥ 1` for which `n + t` is an x-coordinate) and solving for the key.
    static func largeXCase<Curve: PrimeCurve>(_: Curve.Type) throws -> (key: ECPublicKey, digest: [UInt8], t: UInt64, s: [UInt8]) {
        typealias Limbs = Curve.FieldModulus.Limbs
        func limbs(_ value: UInt64) -> Limbs {
            var result = Limbs()
            result[limb: 0] = value
            return result
        }
        // (p + 1) / 4: square roots by one exponentiation, as p ≡ 3 (mod 4) for both curves.
        var exponent = Curve.FieldModulus.modulus
        #expect(exponent[limb: 0] & 3 == 3)
        exponent.add(limbs(1))
        for index in 0..<Limbs.count {
            let high = index + 1 < Limbs.count ? exponent[limb: index + 1] : 0
            exponent[limb: index] = exponent[limb: index] >> 2 | high << 62
        }
        var t: UInt64 = 1
        var point: AffinePoint<Curve>?
        while point == nil {
            var xLimbs = Curve.OrderModulus.modulus
            xLimbs.add(limbs(t))
            let x = FieldElement<Curve>(reduced: xLimbs)
            let rightHandSide = x.squared() * x - (x.doubled() + x) + Curve.constants.b
            let y = rightHandSide.power(exponent)
            if y.squared() == rightHandSide { point = AffinePoint(x: x, y: y) } else { t += 1 }
        }
        let r = try #require(point)
        #expect(r.isOnCurve)
        var random = ECTestRandomGenerator(seed: 0x0E_C0DE)
        let digest = (0..<Limbs.byteCount).map { _ in UInt8.random(in: 0...255, using: &random) }
        let e = Scalar<Curve>(digest: digest)
        let s = ECTestSupport.randomResidue(Curve.OrderModulus.self, using: &random)
        let sInverse = s.inverse()
        let u1 = e * sInverse
        let u2 = Scalar<Curve>(reduced: limbs(t)) * sInverse
        // Q = u2⁻¹·(R − u1·G)
        let difference = ECDSA.linearCombination(u1.negated().canonical, generatorAnd: limbs(1), publicKey: ECDSAPublicPoint(validated: r))
        let differencePoint = try #require(difference.affine)
        let q = ECDSA.linearCombination(Limbs(), generatorAnd: u2.inverse().canonical, publicKey: ECDSAPublicPoint(validated: differencePoint))
        let qPoint = try #require(q.affine)
        let key = try ECPublicKey(curve: Curve.curve, x: qPoint.x.canonicalBytes, y: qPoint.y.canonicalBytes)
        return (key, digest, t, s.canonicalBytes)
    }

    @Test(arguments: ECCurve.allCases)
    func xOfRAboveTheOrderIsComparedModuloN(_ curve: ECCurve) throws {
        let c = curve == .p256 ? try Self.largeXCase(P256.self) : try Self.largeXCase(P384.self)
        let size = curve.coordinateByteCount
        func bigEndian(_ value: UInt64) -> [UInt8] {
            [UInt8](repeating: 0, count: size - 8) + withUnsafeBytes(of: value.bigEndian, Array.init)
        }
        print("x(R) = n + \(c.t) on \(curve.rawValue)")
        // r = x(R) − n verifies (the r + n < p branch).
        func verifies(_ r: [UInt8], _ digest: [UInt8]) -> Bool { c.key.isValidSignature(r + c.s, forDigest: digest) }
        #expect(verifies(bigEndian(c.t), c.digest), "r = x(R) − n must verify")
        // Neighbouring r, and the unreduced x(R) itself (≥ n, out of range), do not.
        #expect(!verifies(bigEndian(c.t + 1), c.digest), "r + 1")
        #expect(!verifies(bigEndian(c.t - 1), c.digest), "r − 1")
        let order = ECTestSupport.bytes(hex: curve == .p256 ? ECKeyLoadingTests.p256Order : ECKeyLoadingTests.p384Order)
        let unreduced = ECDSAFuzzReviewTests.Edges(curve).offset(order, by: Int(c.t))
        #expect(!verifies(unreduced, c.digest), "unreduced x(R) ≥ n")
        // A different digest under the same (r, s) does not verify.
        var otherDigest = c.digest
        otherDigest[0] ^= 1
        #expect(!verifies(bigEndian(c.t), otherDigest), "other digest")
    }

    // MARK: digest truncation (SEC 1 §4.1.4 step 5)

    /// A digest longer than the order is cut to its leftmost bytes (bytes past the order's width
    /// carry no weight, bytes inside it do); a shorter one is read as a smaller integer, exactly
    /// as if it were left-padded with zeros.
    @Test func digestsAreTruncatedAndExtendedAsSEC1Says() throws {
        let message = Array("truncate me".utf8)
        let p256 = try ECDSAFuzzReviewTests.key(.p256, seed: 0xD16E57)
        let long = DigestAlgorithm.sha512.hash(message)
        let signature = p256.signature(for: message, digest: .sha512)
        #expect(p256.publicKey.isValidSignature(signature, forDigest: long))
        #expect(p256.publicKey.isValidSignature(signature, forDigest: Array(long[..<32])))
        #expect(p256.publicKey.isValidSignature(signature, forDigest: Array(long[..<32]) + [UInt8](repeating: 0xEE, count: 40)))
        var changedInside = long
        changedInside[31] ^= 0x01
        #expect(!p256.publicKey.isValidSignature(signature, forDigest: changedInside))

        let p384 = try ECDSAFuzzReviewTests.key(.p384, seed: 0xD16E58)
        let short = DigestAlgorithm.sha256.hash(message)
        let shortSignature = p384.signature(for: message, digest: .sha256)
        #expect(p384.publicKey.isValidSignature(shortSignature, forDigest: short))
        #expect(p384.publicKey.isValidSignature(shortSignature, forDigest: [UInt8](repeating: 0, count: 16) + short))
        #expect(!p384.publicKey.isValidSignature(shortSignature, forDigest: short + [UInt8](repeating: 0, count: 16)))
    }
}
