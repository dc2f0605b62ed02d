import Testing
@testable import JOSE

/// Security review, attacks.md A3 #12–#13 and A2 #11 (EC point not on the curve): bounded,
/// fixed-seed fuzzing of the ECDSA verifier and key loader. Whatever the bytes, verification
/// answers `false` (never traps, never accepts), and a garbage key never loads.
@Suite("Review: ECDSA fuzz")
struct ECDSAFuzzReviewTests {
    /// Big-endian constants per curve.
    struct Edges {
        let size: Int
        let order: [UInt8]
        let prime: [UInt8]

        init(_ curve: ECCurve) {
            size = curve.coordinateByteCount
            order = ECTestSupport.bytes(hex: curve == .p256 ? ECKeyLoadingTests.p256Order : ECKeyLoadingTests.p384Order)
            prime = ECTestSupport.bytes(hex: curve == .p256 ? ECKeyLoadingTests.p256Prime : ECKeyLoadingTests.p384Prime)
        }

        /// `value + delta` (delta may be negative), big-endian, wrapping at the width.
        func offset(_ value: [UInt8], by delta: Int) -> [UInt8] {
            var result = value
            var carry = delta
            for index in stride(from: result.count - 1, through: 0, by: -1) where carry != 0 {
                let sum = Int(result[index]) + carry
                result[index] = UInt8(truncatingIfNeeded: sum)
                carry = sum >> 8
            }
            return result
        }

        /// Scalars an attacker would pick for r or s: 0, 1, n − 1, n, n + 1, p − 1, p, 2^k − 1
        /// (all ones), a single top bit, and every one of them off by one.
        var halves: [[UInt8]] {
            let zero = [UInt8](repeating: 0, count: size)
            var one = zero
            one[size - 1] = 1
            var topBit = zero
            topBit[0] = 0x80
            let base = [zero, one, order, prime, [UInt8](repeating: 0xff, count: size), topBit]
            return base.flatMap { [offset($0, by: -1), $0, offset($0, by: 1)] }
        }
    }

    static func key(_ curve: ECCurve, seed: UInt64) throws -> ECPrivateKey {
        var random = ECTestRandomGenerator(seed: seed)
        let edges = Edges(curve)
        while true {
            let scalar = (0..<edges.size).map { _ in UInt8.random(in: 0...255, using: &random) }
            if let key = try? ECPrivateKey(curve: curve, scalar: scalar) { return key }
        }
    }

    static func randomBytes(_ count: Int, using random: inout ECTestRandomGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// Random and edge-valued `r‖s` of the right length, and random bytes of every nearby length
    /// (including DER-sized ones), against a real key: nothing verifies.
    @Test(arguments: ECCurve.allCases)
    func randomAndEdgeSignaturesNeverVerify(_ curve: ECCurve) throws {
        let signer = try Self.key(curve, seed: 0xEC_0012)
        let key = signer.publicKey
        let edges = Edges(curve)
        let message = Array("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJmdXp6In0".utf8)
        let digest: DigestAlgorithm = curve == .p256 ? .sha256 : .sha384
        // The harness must be able to say yes, or every `false` below proves nothing.
        #expect(key.isValidSignature(signer.signature(for: message, digest: digest), for: message, digest: digest))

        var random = ECTestRandomGenerator(seed: 0xEC_0013)
        var checked = 0
        // Every pair of edge halves (18 × 18), then random halves mixed with edges.
        for r in edges.halves {
            for s in edges.halves {
                #expect(!key.isValidSignature(r + s, for: message, digest: digest), "r=\(ECTestSupport.hex(r)) s=\(ECTestSupport.hex(s))")
                checked += 1
            }
        }
        for _ in 0..<75 {
            let r = Bool.random(using: &random) ? Self.randomBytes(edges.size, using: &random) : edges.halves.randomElement(using: &random)!
            let s = Self.randomBytes(edges.size, using: &random)
            #expect(!key.isValidSignature(r + s, for: message, digest: digest))
            #expect(!key.isValidSignature(s + r, for: message, digest: digest))
            checked += 2
        }
        // Wrong lengths, DER-shaped included (attacks.md A3 #13): refused before any arithmetic.
        let lengths = [0, 1, edges.size, 2 * edges.size - 1, 2 * edges.size + 1, 2 * edges.size + 6, 2 * edges.size + 8, 4 * edges.size]
        for length in lengths {
            for _ in 0..<50 {
                #expect(!key.isValidSignature(Self.randomBytes(length, using: &random), for: message, digest: digest))
                checked += 1
            }
        }
        // Digests of any length through the digest-level entry point: no trap.
        for length in [0, 1, 20, 31, 32, 33, 47, 48, 49, 64, 200] {
            let sig = Self.randomBytes(2 * edges.size, using: &random)
            #expect(!key.isValidSignature(sig, forDigest: Self.randomBytes(length, using: &random)))
            checked += 1
        }
        print("ECDSA fuzz \(curve.rawValue): \(checked) forged signatures refused")
        #expect(checked == 18 * 18 + 150 + lengths.count * 50 + 11)
    }

    /// A single-bit change in every byte of a valid signature, and of the signed message, is
    /// refused (one bit per byte, its position rotating, keeps the debug run short).
    @Test(arguments: ECCurve.allCases)
    func bitFlipsAreRefused(_ curve: ECCurve) throws {
        let signer = try Self.key(curve, seed: 0xEC_0014)
        let key = signer.publicKey
        let digest: DigestAlgorithm = curve == .p256 ? .sha256 : .sha384
        let message = Array("header.payload".utf8)
        let signature = signer.signature(for: message, digest: digest)
        #expect(key.isValidSignature(signature, for: message, digest: digest))
        var refused = 0
        for bit in stride(from: 0, to: signature.count * 8, by: 9) {
            var flipped = signature
            flipped[bit / 8] ^= 1 << (bit % 8)
            if !key.isValidSignature(flipped, for: message, digest: digest) { refused += 1 } else {
                Issue.record("bit \(bit) flipped still verifies")
            }
        }
        for bit in stride(from: 0, to: message.count * 8, by: 9) {
            var flipped = message
            flipped[bit / 8] ^= 1 << (bit % 8)
            if !key.isValidSignature(signature, for: flipped, digest: digest) { refused += 1 } else {
                Issue.record("message bit \(bit) flipped still verifies")
            }
        }
        #expect(refused == (signature.count * 8 + 8) / 9 + (message.count * 8 + 8) / 9)
    }

    /// attacks.md A2 #11 / A3 #12 (invalid-curve points): random coordinates, coordinates at and
    /// around p, and random X9.63 encodings of every prefix and nearby length never load.
    @Test(arguments: ECCurve.allCases)
    func garbageKeysNeverLoad(_ curve: ECCurve) {
        let edges = Edges(curve)
        var random = ECTestRandomGenerator(seed: 0xEC_0011)
        var refused = 0
        for _ in 0..<300 {
            let x = Self.randomBytes(edges.size, using: &random)
            let y = Self.randomBytes(edges.size, using: &random)
            do {
                _ = try ECPublicKey(curve: curve, x: x, y: y)
                Issue.record("random point loaded: \(ECTestSupport.hex(x)) \(ECTestSupport.hex(y))")
            } catch {
                #expect([.pointNotOnCurve, .coordinateOutOfRange].contains(error.reason))
                refused += 1
            }
        }
        for x in edges.halves {
            for y in edges.halves {
                // Some edge pairs could in principle be points; none of these is (checked by the loader).
                if (try? ECPublicKey(curve: curve, x: x, y: y)) == nil { refused += 1 }
            }
        }
        for prefix: UInt8 in [0x00, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff] {
            for length in [0, 1, edges.size, edges.size + 1, 2 * edges.size, 2 * edges.size + 1, 2 * edges.size + 2] {
                let encoding = length == 0 ? [] : [prefix] + Self.randomBytes(length - 1, using: &random)
                if (try? ECPublicKey(curve: curve, x963Representation: encoding)) == nil { refused += 1 } else {
                    Issue.record("X9.63 \(ECTestSupport.hex(encoding)) loaded")
                }
            }
        }
        #expect(refused == 300 + 18 * 18 + 8 * 7)
    }

    /// A signature made by one key never verifies under another key of the same curve, and a
    /// P-256 signature is refused by every P-384 key and the reverse (attacks.md A1 #5).
    @Test func signaturesDoNotTransferBetweenKeysOrCurves() throws {
        let message = Array("m".utf8)
        let p256 = try (0..<4).map { try Self.key(.p256, seed: 0xEC_0100 + UInt64($0)) }
        let p384 = try (0..<4).map { try Self.key(.p384, seed: 0xEC_0200 + UInt64($0)) }
        for keys in [p256, p384] {
            for (i, signer) in keys.enumerated() {
                let signature = signer.signature(for: message, digest: .sha256)
                for (j, verifier) in keys.enumerated() {
                    #expect(verifier.publicKey.isValidSignature(signature, for: message, digest: .sha256) == (i == j))
                }
                for other in (keys.first?.curve == .p256 ? p384 : p256) {
                    #expect(!other.publicKey.isValidSignature(signature, for: message, digest: .sha256))
                }
            }
        }
    }
}
