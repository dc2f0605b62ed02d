import Testing
@testable import JOSE

/// Big-number edge values for verification: moduli whose top limb is tiny or all ones (the
/// final conditional subtraction and its carry), sizes of 2048 + 64·k bits, and the inputs
/// 0, 1, 2, n − 2, n − 1 and values with long runs of ones. The oracle is schoolbook BigUInt.
@Suite("Review: Montgomery arithmetic at edge values")
struct RSAReviewArithmeticTests {
    /// Odd moduli shaped to stress carries: (name, value).
    static let moduli: [(String, BigUInt)] = {
        let one = BigUInt(1)
        return [
            ("2^2048 − 1 (every limb all ones)", (one << 2048) - one),
            ("2^2048 + 1 (top limb = 1)", (one << 2048) + one),
            ("2^2047 + 1 (only the top bit of the top limb)", (one << 2047) + one),
            ("2^2112 − 2^64 + 1 (2048 + 64 bits)", (one << 2112) - (one << 64) + one),
            ("2^2176 − 3 (2048 + 128 bits)", (one << 2176) - BigUInt(3)),
            ("2^3071 + 2^64 − 1", (one << 3071) + (one << 64) - one),
            ("2^4096 − 2^4032 − 1", (one << 4096) - (one << 4032) - one),
        ]
    }()

    /// The base values each modulus is tried with.
    static func bases(for n: BigUInt) -> [(String, BigUInt)] {
        let one = BigUInt(1)
        return [
            ("0", BigUInt(0)), ("1", one), ("2", BigUInt(2)), ("n − 1", n - one), ("n − 2", n - BigUInt(2)),
            ("(n − 1)/2", (n - one) >> 1), ("2^64", one << 64),
            ("2^(bits−1) − 1", (one << (n.bitCount - 1)) - one),
            ("top limbs all ones", n - (one << (n.bitCount / 2))),
        ]
    }

    @Test("R² mod n is exact for every shaped modulus")
    func rSquared() throws {
        for (name, n) in Self.moduli {
            let context = try #require(MontgomeryContext(limbs: n.limbs))
            let expected = (BigUInt(1) << (128 * context.limbCount)) % n
            #expect(BigUInt(limbs: context.rSquared) == expected, "\(name)")
            #expect(context.bitCount == n.bitCount, "\(name)")
        }
    }

    @Test("RSAVP1 (s³ mod n) through the public key equals schoolbook arithmetic")
    func cubesThroughPublicKey() throws {
        var checked = 0
        for (name, n) in Self.moduli {
            let key = try RSAPublicKey(modulus: n.bigEndianBytes, publicExponent: [3], minimumModulusBitCount: 1024)
            for (baseName, s) in Self.bases(for: n) {
                let signature = s.bigEndianBytes(count: key.signatureByteCount)
                let recovered = try #require(signature.withUnsafeBytes { key.recoverEncodedMessage($0) }, "\(name), s = \(baseName)")
                let expected = ((s * s) % n * s) % n
                #expect(recovered == expected.bigEndianBytes(count: key.signatureByteCount), "\(name), s = \(baseName)")
                checked += 1
            }
            // s = n and s = n + small are refused before any arithmetic.
            for over in [n, n + BigUInt(2)] where over.bitCount <= 8 * key.signatureByteCount {
                let bytes = over.bigEndianBytes(count: key.signatureByteCount)
                #expect(bytes.withUnsafeBytes { key.recoverEncodedMessage($0) } == nil, "\(name): s ≥ n accepted")
            }
        }
        #expect(checked == Self.moduli.count * 9)
    }

    @Test("s^65537 and s^(2^32 − 1) mod n at the carry-heavy edges")
    func largeExponents() throws {
        // Fewer cases: the schoolbook oracle costs ~20 BigUInt remainders per exponent bit.
        for (name, n) in Self.moduli.prefix(2) {
            let context = try #require(MontgomeryContext(limbs: n.limbs))
            for (baseName, s) in Self.bases(for: n) where ["n − 1", "top limbs all ones"].contains(baseName) {
                for exponent: UInt64 in baseName == "n − 1" ? [0xFFFF_FFFF] : [65537] {
                    var result = [UInt64](repeating: 0, count: context.limbCount)
                    s.limbs(paddedTo: context.limbCount).withUnsafeBufferPointer { source in
                        result.withUnsafeMutableBufferPointer { context.power(source.baseAddress!, publicExponent: exponent, into: $0.baseAddress!) }
                    }
                    var expected = BigUInt(1)
                    for bit in stride(from: 63 - exponent.leadingZeroBitCount, through: 0, by: -1) {
                        expected = (expected * expected) % n
                        if (exponent >> UInt64(bit)) & 1 == 1 { expected = (expected * s) % n }
                    }
                    #expect(BigUInt(limbs: result) == expected, "\(name), s = \(baseName), e = \(exponent)")
                }
            }
        }
    }

    @Test("Modular multiplication and wide reduction at the edges")
    func multiplyAndReduce() throws {
        for (name, n) in Self.moduli {
            let context = try #require(MontgomeryContext(limbs: n.limbs))
            let values = Self.bases(for: n).map(\.1)
            for a in [values[0], values[1], values[3], values[8]] {
                for b in [values[3], values[8]] {
                    let product = BigUInt(limbs: context.multiply(a.limbs(paddedTo: context.limbCount), b.limbs(paddedTo: context.limbCount)))
                    #expect(product == (a * b) % n, "\(name)")
                }
            }
            let wide = values[8] * (n - BigUInt(1))   // below n·R, all limbs busy
            #expect(BigUInt(limbs: context.reduce(wide.limbs)) == wide % n, "\(name)")
        }
    }
}
