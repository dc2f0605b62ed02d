import Foundation
import Testing
import JOSE

/// Wycheproof MacTest vectors for HMAC-SHA-256/384/512.
///
/// Groups whose tag is the full digest go through `isValidAuthenticationCode`, the function JWS
/// verification uses: `valid` must verify, `invalid` must be refused. Groups with truncated tags
/// exercise only the MAC primitive (the computed code's prefix must equal a `valid` tag and differ
/// from an `invalid` one), and a truncated tag — even a correct prefix — must be refused by
/// verification. These files hold no `acceptable` results.
@Suite("HMAC Wycheproof vectors")
struct WycheproofHMACTests {
    struct VectorFile: Decodable {
        var numberOfTests: Int
        var testGroups: [Group]
    }

    struct Group: Decodable {
        var keySize: Int
        var tagSize: Int
        var tests: [Vector]
    }

    struct Vector: Decodable {
        var tcId: Int
        var key: String
        var msg: String
        var tag: String
        var result: String
    }

    @Test("MacTest vectors", arguments: DigestAlgorithm.allCases)
    func macTest(algorithm: DigestAlgorithm) throws {
        let fileName = switch algorithm {
        case .sha256: "hmac_sha256_test"
        case .sha384: "hmac_sha384_test"
        case .sha512: "hmac_sha512_test"
        }
        let file = try JSONDecoder().decode(VectorFile.self, from: try HashVectorFiles.data("wycheproof/\(fileName).json"))
        var fullLength = 0
        var truncated = 0
        for group in file.testGroups {
            let isFullLength = group.tagSize == algorithm.digestByteCount * 8
            for vector in group.tests {
                let key = try HashVectorFiles.bytes(hex: vector.key)
                let message = try HashVectorFiles.bytes(hex: vector.msg)
                let tag = try HashVectorFiles.bytes(hex: vector.tag)
                #expect(["valid", "invalid"].contains(vector.result), "tcId \(vector.tcId): unexpected result \(vector.result)")
                let expectValid = vector.result == "valid"

                if isFullLength {
                    let verified = algorithm.isValidAuthenticationCode(tag, for: message, key: key)
                    #expect(verified == expectValid, "\(fileName) tcId \(vector.tcId): verification gave \(verified), expected \(vector.result)")
                    fullLength += 1
                } else {
                    let code = algorithm.authenticationCode(for: message, key: key)
                    #expect(code.count == algorithm.digestByteCount, "\(fileName) tcId \(vector.tcId)")
                    let prefixMatches = Array(code.prefix(tag.count)) == tag
                    #expect(prefixMatches == expectValid, "\(fileName) tcId \(vector.tcId): truncated tag prefix match \(prefixMatches), expected \(vector.result)")
                    #expect(!algorithm.isValidAuthenticationCode(tag, for: message, key: key), "\(fileName) tcId \(vector.tcId): a truncated tag was accepted")
                    truncated += 1
                }
            }
        }
        print("wycheproof \(fileName).json: \(fullLength + truncated) vectors (\(fullLength) full-length via isValidAuthenticationCode, \(truncated) truncated via the MAC primitive)")
        #expect(fullLength + truncated == file.numberOfTests)
        #expect(fullLength == 87 && truncated == 87)
    }
}
