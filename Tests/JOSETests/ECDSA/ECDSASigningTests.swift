import Testing
@testable import JOSE

/// Deterministic signing (RFC 6979) and the verifier's refusals on crafted signatures
/// (issue 3 items 5 and 6; attacks.md A3 #12 and #14).
@Suite("ECDSA signing and verification")
struct ECDSASigningTests {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        let curve: ECCurve
        let digest: DigestAlgorithm
        let message: String
        let r: String
        let s: String
        var testDescription: String { "\(curve.rawValue) \(digest.rawValue) \"\(message)\"" }
        var scalar: String { curve == .p256 ? ECKeyLoadingTests.p256Scalar : ECKeyLoadingTests.p384Scalar }
    }

    /// RFC 6979 Appendix A.2.5 (P-256) and A.2.6 (P-384), https://www.rfc-editor.org/rfc/rfc6979#appendix-A.2.5 —
    /// the signatures for the digests JWS uses. SHA-384/512 on P-256 and SHA-512 on P-384 exercise
    /// the truncation of a digest longer than the order; SHA-256 on P-384 a shorter one.
    static let knownAnswers: [KnownAnswer] = [
        KnownAnswer(
            curve: .p256, digest: .sha256, message: "sample",
            r: "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            s: "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"),
        KnownAnswer(
            curve: .p256, digest: .sha384, message: "sample",
            r: "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
            s: "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"),
        KnownAnswer(
            curve: .p256, digest: .sha512, message: "sample",
            r: "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
            s: "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE"),
        KnownAnswer(
            curve: .p256, digest: .sha256, message: "test",
            r: "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            s: "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"),
        KnownAnswer(
            curve: .p384, digest: .sha256, message: "sample",
            r: "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8FB2CD",
            s: "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4FA0AB0"),
        KnownAnswer(
            curve: .p384, digest: .sha384, message: "sample",
            r: "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
            s: "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"),
        KnownAnswer(
            curve: .p384, digest: .sha512, message: "sample",
            r: "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799CFE30F35CC900056D7C99CD7882433709",
            s: "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112DC7CC3EF3446DEFCEB01A45C2667FDD5"),
        KnownAnswer(
            curve: .p384, digest: .sha384, message: "test",
            r: "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
            s: "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5"),
    ]

    @Test("RFC 6979 known answers: deterministic signatures match and verify", arguments: knownAnswers)
    func rfc6979(_ answer: KnownAnswer) throws {
        let key = try ECPrivateKey(curve: answer.curve, scalar: ECTestSupport.bytes(hex: answer.scalar))
        let message = Array(answer.message.utf8)
        let signature = key.signature(for: message, digest: answer.digest)
        #expect(ECTestSupport.hex(signature) == (answer.r + answer.s).lowercased())
        #expect(key.publicKey.isValidSignature(signature, for: message, digest: answer.digest))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("samplf".utf8), digest: answer.digest))
    }

    @Test("Sign/verify round trips for each curve and digest", arguments: ECCurve.allCases)
    func roundTrip(_ curve: ECCurve) {
        let key = ECPrivateKey.generate(curve: curve)
        let other = ECPrivateKey.generate(curve: curve)
        for digest in DigestAlgorithm.allCases {
            for message in [[], Array("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0".utf8), [UInt8](repeating: 0xa5, count: 1000)] {
                let signature = key.signature(for: message, digest: digest)
                #expect(signature.count == curve.signatureByteCount)
                #expect(signature == key.signature(for: message, digest: digest), "deterministic")
                #expect(key.publicKey.isValidSignature(signature, for: message, digest: digest))
                #expect(!other.publicKey.isValidSignature(signature, for: message, digest: digest), "wrong key")
                #expect(!key.publicKey.isValidSignature(signature, for: message + [0], digest: digest), "changed message")
                let otherDigest = DigestAlgorithm.allCases.first { $0 != digest } ?? digest
                #expect(!key.publicKey.isValidSignature(signature, for: message, digest: otherDigest), "wrong digest")
                var flipped = signature
                flipped[flipped.count / 4] ^= 0x10
                #expect(!key.publicKey.isValidSignature(flipped, for: message, digest: digest), "changed r")
                flipped = signature
                flipped[flipped.count - 1] ^= 0x01
                #expect(!key.publicKey.isValidSignature(flipped, for: message, digest: digest), "changed s")
            }
        }
    }

    @Test("Crafted signatures are refused: r or s zero, ≥ n, wrong length; n − s is accepted", arguments: ECCurve.allCases)
    func craftedSignatures(_ curve: ECCurve) throws {
        let key = ECPrivateKey.generate(curve: curve)
        let message = Array("payload".utf8)
        let signature = key.signature(for: message, digest: .sha256)
        let size = curve.coordinateByteCount
        let r = Array(signature[..<size])
        let s = Array(signature[size...])
        let n = ECTestSupport.bytes(hex: curve == .p256 ? ECKeyLoadingTests.p256Order : ECKeyLoadingTests.p384Order)
        let zero = [UInt8](repeating: 0, count: size)
        let allOnes = [UInt8](repeating: 0xff, count: size)
        let publicKey = key.publicKey
        func refuses(_ candidate: [UInt8], _ note: String) {
            #expect(!publicKey.isValidSignature(candidate, for: message, digest: .sha256), "\(note)")
        }
        refuses(zero + zero, "r = s = 0 (psychic signature)")
        refuses(r + zero, "s = 0")
        refuses(zero + s, "r = 0")
        refuses(n + n, "r = s = n")
        refuses(r + n, "s = n")
        refuses(n + s, "r = n")
        refuses(allOnes + s, "r > n")
        refuses(r + allOnes, "s > n")
        refuses([], "empty")
        refuses(signature + [0], "trailing zero byte")
        refuses([0] + signature, "leading zero byte")
        refuses(Array(signature.dropLast()), "truncated")
        refuses(Array(r.dropFirst()) + s, "r one byte short")
        refuses(signature + signature, "doubled")
        // Malleability (attacks.md A3 #14): (r, n − s) is also a valid ECDSA signature.
        let negatedS = minus(n, s)
        #expect(publicKey.isValidSignature(r + negatedS, for: message, digest: .sha256))
    }

    /// `a − b` for equal-length big-endian values with `a ≥ b`.
    func minus(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result = a
        var borrow = 0
        for index in stride(from: a.count - 1, through: 0, by: -1) {
            var difference = Int(a[index]) - Int(b[index]) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 256 }
            result[index] = UInt8(difference)
        }
        return result
    }
}

/// Keys are `Sendable` values: one key verifies from many tasks at once (the lazily computed
/// curve tables are `static let`s, initialised once and thread-safely).
@Suite("ECDSA concurrency")
struct ECDSAConcurrencyTests {
    @Test("Concurrent verification with shared keys gives the same answers", arguments: ECCurve.allCases)
    func concurrentVerification(_ curve: ECCurve) async {
        let key = ECPrivateKey.generate(curve: curve)
        let publicKey = key.publicKey
        let messages = (0..<4).map { Array("message \($0)".utf8) }
        let signatures = messages.map { key.signature(for: $0, digest: .sha256) }
        let results = await withTaskGroup(of: (Int, Bool, Bool).self) { group in
            for index in messages.indices {
                group.addTask {
                    let good = publicKey.isValidSignature(signatures[index], for: messages[index], digest: .sha256)
                    let swapped = publicKey.isValidSignature(
                        signatures[(index + 1) % messages.count], for: messages[index], digest: .sha256)
                    return (index, good, swapped)
                }
            }
            var collected: [(Int, Bool, Bool)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == messages.count)
        for (index, good, swapped) in results {
            #expect(good, "signature \(index) refused")
            #expect(!swapped, "signature of another message accepted for \(index)")
        }
    }
}
