import Testing
@testable import JOSE

/// Security review of key selection (attacks.md A2 #9, #10): `kid` is an opaque string looked
/// up by exact match (RFC 7515 §4.1.4, RFC 7517 §4.5: case-sensitive string comparison).
///
/// Finding (informational, fixed): `JWKSet` indexed kids in a `[String: [Int]]`, and Swift
/// `String` equality and hashing are Unicode *canonical equivalence*, not code-point equality.
/// So a token's kid `"\u212A1"` (KELVIN SIGN) selected the key `"K1"`, and a set holding both
/// `"K1"` and `"\u212A1"` could not tell them apart (every token for either was
/// `ambiguousKey`). The token still had to verify with the key it reached, so nothing was
/// forged, but the lookup was not the exact match the documentation promises.
@Suite("Review: kid lookup is exact")
struct JWSKeyLookupReviewTests {
    private static func secret(_ fill: UInt8) -> [UInt8] { [UInt8](repeating: fill, count: 32) }

    @Test("a canonically equivalent kid does not select a key")
    func canonicallyEquivalentKidIsNotAMatch() throws {
        let keys = try JWKSet(keys: [JWK(material: .octet(Self.secret(1)), keyID: "K1", algorithm: "HS256")])
        let verifier = JWSVerifier(keys: keys, algorithms: [.hs256])
        let kelvin = JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"\u212A1"}"#, payload: "{}", secret: Self.secret(1))
        #expect(JWSTestSupport.refusal(verifier, kelvin) == .keyNotFound)
        #expect(keys.keys(withID: "\u{212A}1").isEmpty)
        let plain = JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"K1"}"#, payload: "{}", secret: Self.secret(1))
        #expect(JWSTestSupport.refusal(verifier, plain) == nil)
    }

    @Test("kids that differ in code points name different keys")
    func distinctKidsStayDistinct() throws {
        let keys = try JWKSet(keys: [
            JWK(material: .octet(Self.secret(1)), keyID: "K1", algorithm: "HS256"),
            JWK(material: .octet(Self.secret(2)), keyID: "\u{212A}1", algorithm: "HS256"),
            JWK(material: .octet(Self.secret(3)), keyID: "\u{e9}", algorithm: "HS256"),
            JWK(material: .octet(Self.secret(4)), keyID: "e\u{301}", algorithm: "HS256"),
        ])
        let verifier = JWSVerifier(keys: keys, algorithms: [.hs256])
        for (kidJSON, fill) in [("K1", UInt8(1)), (#"\u212A1"#, 2), (#"\u00e9"#, 3), (#"e\u0301"#, 4)] {
            let token = JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"\#(kidJSON)"}"#, payload: "{}", secret: Self.secret(fill))
            #expect(JWSTestSupport.refusal(verifier, token) == nil, "kid \(kidJSON)")
        }
        #expect(keys.keys(withID: "K1").map(\.symmetricSecret) == [Self.secret(1)])
    }

    @Test("a set-aside key is matched exactly too")
    func rejectedKeysMatchExactly() throws {
        let good = Base64URL.encode(Self.secret(1))
        let keys = try JWKSet(parsing: Array(#"{"keys":[{"kty":"oct","kid":"K1","k":"\#(good)"},{"kty":"oct","kid":"\u212A1","k":""}]}"#.utf8))
        #expect(keys.keys.count == 1 && keys.rejectedKeys.count == 1)
        let verifier = JWSVerifier(keys: keys, algorithms: [.hs256])
        let plain = JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"K1"}"#, payload: "{}", secret: Self.secret(1))
        #expect(JWSTestSupport.refusal(verifier, plain) == nil)
        let kelvin = JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"\u212A1"}"#, payload: "{}", secret: Self.secret(1))
        #expect(JWSTestSupport.refusal(verifier, kelvin) == .keyRejected)
    }
}
