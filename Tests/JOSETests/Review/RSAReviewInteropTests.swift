import Foundation
import Testing
@testable import JOSE

/// Cross-check against Python `cryptography` (OpenSSL) on moduli of odd bit lengths
/// (`Vectors/review/rsa_odd_sizes_test.json`, see its PROVENANCE.md).
@Suite("Review: RSA interop with OpenSSL on odd modulus sizes")
struct RSAReviewInteropTests {
    @Test("Every vector of rsa_odd_sizes_test.json")
    func oddSizedModuli() throws {
        let url = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil))
            .appendingPathComponent("review/rsa_odd_sizes_test.json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let groups = try RSATestSupport.field(file, "testGroups", as: [[String: Any]].self)
        var checked = 0
        var sizes: [Int] = []
        for group in groups {
            let size = try RSATestSupport.field(group, "keySize", as: Int.self)
            let modulus = try RSAReviewSupport.hexNumber(try RSATestSupport.field(group, "n", as: String.self))
            let exponent = try RSAReviewSupport.hexNumber(try RSATestSupport.field(group, "e", as: String.self))
            let key = try RSAPublicKey(modulus: modulus, publicExponent: exponent, minimumModulusBitCount: 1024)
            #expect(key.modulusBitCount == size)
            #expect(key.signatureByteCount == (size + 7) / 8)
            sizes.append(size)
            for test in try RSATestSupport.field(group, "tests", as: [[String: Any]].self) {
                let tcId = try RSATestSupport.field(test, "tcId", as: Int.self)
                let digest: DigestAlgorithm = switch try RSATestSupport.field(test, "hash", as: String.self) {
                case "SHA-256": .sha256
                case "SHA-384": .sha384
                default: .sha512
                }
                let padding: RSASignaturePadding = try RSATestSupport.field(test, "padding", as: String.self) == "pss" ? .pss : .pkcs1v15
                let expected = try RSATestSupport.field(test, "result", as: String.self) == "valid"
                let verified = key.isValidSignature(
                    try RSATestSupport.hexField(test, "sig"), for: try RSATestSupport.hexField(test, "msg"),
                    padding: padding, digest: digest)
                #expect(verified == expected,
                        "\(size)-bit key, tcId \(tcId) (\(padding), \(digest)): \(test["comment"] ?? "") — expected \(expected)")
                checked += 1
            }
        }
        print("review rsa_odd_sizes_test.json: \(checked) vectors over moduli of \(sizes) bits")
        #expect(checked == 324)
        #expect(sizes == [2047, 2049, 2055, 2112, 2113, 3071, 3073, 4095, 4097])
    }
}
