import Foundation
import Testing
@testable import JOSE

/// Security review: bounded, fixed-seed fuzzing of `JWSVerifier`.
///
/// 1. **Header policy against a reference model.** Thousands of HS256 tokens whose headers are
///    random combinations of hostile members (alg spellings, escaped names, duplicates, `crit`,
///    `b64`, `cty`, key-bearing members, odd `kid`s) and whose payloads vary, each *correctly
///    signed*, so only the policy decides. An independent model of the rules (attacks.md A1,
///    A2, A4) says accept or refuse; the verifier must agree every time.
/// 2. **Byte mutations of real tokens** (RFC 7515 A.1 HS256, A.2 RS256, A.3 ES256): random
///    edits of the compact string never trap, and nothing but the unmodified token verifies.
@Suite("Review: JWS verifier fuzz")
struct JWSFuzzReviewTests {
    /// A header member candidate: its JSON spelling, its name after unescaping, and whether the
    /// reference policy accepts it (alone; a token also needs `alg` and no repeated name).
    struct Member {
        let json: String
        let name: String
        let acceptable: Bool
    }

    static let algMembers: [Member] = [
        Member(json: #""alg":"HS256""#, name: "alg", acceptable: true),
        Member(json: #""\u0061lg":"HS256""#, name: "alg", acceptable: true),
        Member(json: #""alg":"H\u0053256""#, name: "alg", acceptable: true),
        Member(json: #""alg":"hs256""#, name: "alg", acceptable: false),
        Member(json: #""alg":"HS256 ""#, name: "alg", acceptable: false),
        Member(json: #""alg":"HS256\u0000""#, name: "alg", acceptable: false),
        Member(json: #""alg":"none""#, name: "alg", acceptable: false),
        Member(json: #""alg":"nOnE""#, name: "alg", acceptable: false),
        Member(json: #""alg":"RS256""#, name: "alg", acceptable: false),
        Member(json: #""alg":"ES256""#, name: "alg", acceptable: false),
        Member(json: #""alg":"HS384""#, name: "alg", acceptable: false),
        Member(json: #""alg":"EdDSA""#, name: "alg", acceptable: false),
        Member(json: #""alg":256"#, name: "alg", acceptable: false),
        Member(json: #""alg":["HS256"]"#, name: "alg", acceptable: false),
        Member(json: #""alg":null"#, name: "alg", acceptable: false),
    ]

    static let otherMembers: [Member] = [
        Member(json: #""kid":"hmac-1""#, name: "kid", acceptable: true),
        Member(json: #""k\u0069d":"\u0068mac-1""#, name: "kid", acceptable: true),
        Member(json: #""kid":"hmac-1 ""#, name: "kid", acceptable: false),
        Member(json: #""kid":"HMAC-1""#, name: "kid", acceptable: false),
        Member(json: #""kid":"hmac-1\u0000""#, name: "kid", acceptable: false),
        Member(json: #""kid":"""#, name: "kid", acceptable: false),
        Member(json: #""kid":"../../dev/null""#, name: "kid", acceptable: false),
        Member(json: #""kid":1"#, name: "kid", acceptable: false),
        Member(json: #""kid":null"#, name: "kid", acceptable: false),
        Member(json: "\"kid\":\"\(String(repeating: "k", count: 300))\"", name: "kid", acceptable: false),
        Member(json: #""typ":"JWT""#, name: "typ", acceptable: true),
        Member(json: #""typ":7"#, name: "typ", acceptable: true),
        Member(json: #""cty":"JWT""#, name: "cty", acceptable: false),
        Member(json: #""cty":"jwt""#, name: "cty", acceptable: false),
        Member(json: #""cty":"application/JWT""#, name: "cty", acceptable: false),
        Member(json: #""cty":"json""#, name: "cty", acceptable: true),
        Member(json: #""cty":1"#, name: "cty", acceptable: false),
        Member(json: #""crit":["exp"]"#, name: "crit", acceptable: false),
        Member(json: #""crit":[]"#, name: "crit", acceptable: false),
        Member(json: #""crit":["b64"]"#, name: "crit", acceptable: false),
        Member(json: #""b64":true"#, name: "b64", acceptable: true),
        Member(json: #""b64":false"#, name: "b64", acceptable: false),
        Member(json: #""b64":"false""#, name: "b64", acceptable: false),
        Member(json: #""jwk":{"kty":"oct","k":"AAAA"}"#, name: "jwk", acceptable: false),
        Member(json: #""jku":"https://attacker.example/jwks""#, name: "jku", acceptable: false),
        Member(json: #""x5u":"https://attacker.example/cert""#, name: "x5u", acceptable: false),
        Member(json: #""x5c":["AAAA"]"#, name: "x5c", acceptable: false),
        Member(json: #""x\u0035c":["AAAA"]"#, name: "x5c", acceptable: false),
        // x5t selects the key only when there is no kid (then it must name the key: its kid here).
        Member(json: #""x5t":"abc""#, name: "x5t", acceptable: true),
        Member(json: #""x5t":"hmac-1""#, name: "x5t", acceptable: true),
        Member(json: #""enc":"A128GCM""#, name: "enc", acceptable: false),
        Member(json: #""zip":"DEF""#, name: "zip", acceptable: true),
        Member(json: #""nonce":"abc""#, name: "nonce", acceptable: true),
        Member(json: #""x":{"alg":"none","crit":[1]}"#, name: "x", acceptable: true),
    ]

    static let payloads: [(String, Bool)] = [
        (#"{"sub":"alice"}"#, true), (#"{"exp":1.0,"nbf":1e0}"#, true), (#"{}"#, true),
        (#"[]"#, false), (#"{"sub":"a","s\u0075b":"b"}"#, false), ("", false), (#"{"sub":"a",}"#, false),
        ("\u{FEFF}{}", false), (#"{"a":"\ud800"}"#, false), ("  {\"a\" :\n[1, {\"b\":null}] }\t", true),
    ]

    @Test func headerPolicyAgreesWithTheReferenceModel() {
        var random = ECTestRandomGenerator(seed: 0x1A_2A_4A)
        let verifier = JWSVerifier(keys: try! JWSTestSupport.hmacKeySet(), algorithms: [.hs256, .es256])
        let total = 4000
        var accepted = 0
        var mismatches: [String] = []
        for _ in 0..<total {
            var members: [Member] = []
            if Int.random(in: 0..<10, using: &random) > 0 { members.append(Self.algMembers.randomElement(using: &random)!) }
            for _ in 0..<Int.random(in: 0...3, using: &random) { members.append(Self.otherMembers.randomElement(using: &random)!) }
            if Int.random(in: 0..<8, using: &random) == 0 { members.append(Self.algMembers.randomElement(using: &random)!) }
            members.shuffle(using: &random)
            let header = "{" + members.map(\.json).joined(separator: ",") + "}"
            let (payload, payloadAcceptable) = Self.payloads.randomElement(using: &random)!
            let rightKey = Int.random(in: 0..<10, using: &random) > 0
            let secret = rightKey ? JWSTestSupport.hmacSecret : [UInt8](repeating: 0x42, count: 32)
            let token = JWSTestSupport.hmacToken(header: header, payload: payload, secret: secret)

            let names = members.map(\.name)
            let expected = rightKey && payloadAcceptable
                && Set(names).count == names.count
                && names.contains("alg")
                && members.allSatisfy(\.acceptable)
                && (names.contains("kid") || members.allSatisfy { $0.name != "x5t" || $0.json.contains("hmac-1") })
            let actual = JWSTestSupport.refusal(verifier, token)
            if actual == nil { accepted += 1 }
            if (actual == nil) != expected {
                mismatches.append("\(expected ? "should verify" : "should be refused"), got \(actual.map { "\($0)" } ?? "verified"): header \(header) payload \(payload.debugDescription) rightKey \(rightKey)")
            }
        }
        print("JWS header-policy fuzz: \(total) signed tokens, \(accepted) verified, \(mismatches.count) disagreements with the model")
        for line in mismatches.prefix(20) { print("MISMATCH", line) }
        #expect(mismatches.isEmpty)
        #expect(accepted > 50, "the corpus must also exercise acceptance")
    }

    /// base64url characters, the separator, and bytes a mutation should never get away with.
    static let mutationBytes: [UInt8] = Array("AQgw_-Zz09=+/. \t\r\n".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]

    static func mutate(_ token: [UInt8], using random: inout ECTestRandomGenerator) -> [UInt8] {
        var bytes = token
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[position] = mutationBytes.randomElement(using: &random)!
            case 1: bytes.insert(mutationBytes.randomElement(using: &random)!, at: position)
            case 2: bytes.remove(at: position)
            case 3: bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            case 4: bytes.removeLast(Int.random(in: 1...min(4, bytes.count), using: &random))
            default:
                // Duplicate or drop a whole part.
                let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Array.init)
                var edited = parts
                let index = Int.random(in: 0..<parts.count, using: &random)
                if Bool.random(using: &random) { edited.insert(parts[index], at: index) } else { edited.remove(at: index) }
                bytes = Array(edited.joined(separator: [UInt8(ascii: ".")]))
            }
        }
        return bytes
    }

    @Test(arguments: [("A.1", JWSAlgorithm.hs256, 3000), ("A.2", .rs256, 400), ("A.3", .es256, 400)])
    func mutatedRealTokensNeverVerify(section: String, algorithm: JWSAlgorithm, rounds: Int) throws {
        let example = try JWSTestSupport.rfc7515Example(section)
        let jwk = try #require(example["jwk"]?.objectValue)
        let compact = Array(try #require(example["compact"]?.stringValue).utf8)
        let keys = try JWKSet(json: .object(JWSTestSupport.publicMembers(of: jwk)))
        let verifier = JWSVerifier(keys: keys, algorithms: Set(JWSAlgorithm.allCases))
        #expect(JWSTestSupport.refusal(verifier, String(decoding: compact, as: UTF8.self)) == nil)
        var random = ECTestRandomGenerator(seed: 0xF022 &+ UInt64(rounds))
        var reasons: [JOSEError.Reason: Int] = [:]
        var forged = 0
        for _ in 0..<rounds {
            let mutated = Self.mutate(compact, using: &random)
            let outcome: JOSEError.Reason?
            do throws(JOSEError) {
                _ = try mutated.withUnsafeBytes { bytes in
                    Result { () throws(JOSEError) in try verifier.verify(utf8: bytes) }
                }.get()
                outcome = nil
            } catch {
                outcome = error.reason
            }
            if let outcome {
                reasons[outcome, default: 0] += 1
            } else if mutated != compact {
                forged += 1
                Issue.record("\(section): a mutated token verified: \(String(decoding: mutated, as: UTF8.self).debugDescription)")
            }
        }
        let summary = reasons.sorted { $0.value > $1.value }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("JWS mutation fuzz rfc7515 \(section) \(algorithm.rawValue): \(rounds) mutated tokens, \(forged) verified; refusals: \(summary)")
        #expect(forged == 0)
    }
}
