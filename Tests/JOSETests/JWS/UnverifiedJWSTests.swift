import Testing
@testable import JOSE

@Suite("UnverifiedJWS (decode without verifying)")
struct UnverifiedJWSTests {
    @Test func decodesPartsWithoutCheckingPolicyOrSignature() throws {
        let token = JWSTestSupport.hmacToken(header: #"{"alg":"none","kid":"k9","x5t":"t"}"#, payload: #"{"sub":"alice"}"#,
                                             secret: [UInt8](repeating: 3, count: 32))
        let peek = try UnverifiedJWS(parsing: token)
        #expect(peek.algorithmName == "none")
        #expect(peek.keyID == "k9")
        #expect(peek.payload == Array(#"{"sub":"alice"}"#.utf8))
        #expect(peek.signature.count == 32)
    }

    @Test func keepsTheShapeRules() {
        let cases: [(String, JOSEError.Reason)] = [
            ("a.b", .malformed), ("a.b.c.d.e", .isJWE), ("e30=.e30.AA", .invalidBase64URL),
            (Base64URL.encode(Array(#"{"a":1,"a":2}"#.utf8)) + ".e30.AA", .duplicateMember),
            (String(repeating: "x", count: 70_000), .tooLarge),
        ]
        for (token, reason) in cases {
            do {
                _ = try UnverifiedJWS(parsing: token)
                Issue.record("accepted \(token.prefix(20))")
            } catch {
                #expect(error.reason == reason, "\(token.prefix(20))")
            }
        }
    }
}
