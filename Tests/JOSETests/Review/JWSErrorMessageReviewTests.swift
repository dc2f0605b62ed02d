import Testing
@testable import JOSE

/// Security review: `JOSEError` descriptions are promised "safe to log", and `entra-auth verify`
/// prints one per line. Several quote header values the attacker chose (`alg`, `kid`, `cty`).
/// Swift's `debugDescription` escapes `\n`, `\r` and ESC but passes U+2028/U+2029 (line and
/// paragraph separators), U+0085 (NEL) and bidi overrides (U+202E) through, and many log
/// pipelines split or reorder lines on those.
///
/// Finding (low): a token whose `kid` was `"x\u2028valid {…}"` produced an error message that
/// a splitlines()-style consumer reads as two lines, the second starting with `valid`.
/// Messages now quote token and key values ASCII-only (`\u{2028}`), and the JSON writer
/// escapes U+2028, U+2029 and U+0085 so `valid <claims>` output stays on one line too.
@Suite("Review: error messages and JSON output are one ASCII-safe line")
struct JWSErrorMessageReviewTests {
    /// JSON escapes of the characters, plus raw U+2028 (legal unescaped inside a JSON string).
    static let lineBreakers = [#"\u2028"#, #"\u2029"#, #"\u0085"#, #"\u202e"#, #"\u001b"#, #"\n"#, #"\r"#, #"\u0000"#, "\u{2028}"]

    /// No character in `text` that some consumer treats as a line break or reorders text with.
    static func isOneSafeLine(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F || $0 == "…" }
    }

    @Test("header values chosen by the attacker are quoted ASCII-only in every error message")
    func attackerValuesAreQuotedSafely() throws {
        let verifier = JWSVerifier(keys: try JWSTestSupport.hmacKeySet(), algorithms: [.hs256])
        for breaker in Self.lineBreakers {
            let evil = "x\(breaker)valid {\\\"sub\\\":\\\"admin\\\"}"
            let headers = [
                #"{"alg":"HS256","kid":"\#(evil)"}"#,          // keyNotFound
                #"{"alg":"\#(evil)"}"#,                       // unsupportedAlgorithm
                #"{"alg":"HS256","cty":"JWT\#(breaker)"}"#,   // passes (not JWT), or…
                #"{"alg":"HS256","cty":"jwt"}"#,
            ]
            for header in headers {
                let token = JWSTestSupport.hmacToken(header: header, payload: #"{"sub":"a"}"#, secret: JWSTestSupport.hmacSecret)
                do {
                    _ = try verifier.verify(token)
                } catch {
                    #expect(Self.isOneSafeLine(error.description), "\(error.reason): \(error.description.debugDescription)")
                }
            }
        }
    }

    /// Finding (low, fixed with the quoting): the 64-"character" cut counted grapheme clusters,
    /// and `"a"` followed by 30 000 combining accents is one cluster, so a 64 KiB token made a
    /// message of the whole value. The cut now counts Unicode scalars.
    @Test("a huge single grapheme cluster in alg yields a short message")
    func messagesStayShortForHugeGraphemeClusters() throws {
        let verifier = JWSVerifier(keys: try JWSTestSupport.hmacKeySet(), algorithms: [.hs256])
        let cluster = "a" + String(repeating: #"́"#, count: 8_000)
        for header in [#"{"alg":"\#(cluster)"}"#, #"{"alg":"\#(cluster)","kid":"hmac-1"}"#] {
            let token = JWSTestSupport.hmacToken(header: header, payload: "{}", secret: JWSTestSupport.hmacSecret)
            do {
                _ = try verifier.verify(token)
                Issue.record("verified")
            } catch {
                #expect(error.description.utf8.count < 1_000, "\(error.reason): \(error.description.utf8.count) bytes")
            }
        }
    }

    @Test("kid values from a key set are quoted ASCII-only too")
    func keySetValuesAreQuotedSafely() throws {
        let secret = Base64URL.encode(JWSTestSupport.hmacSecret)
        let keys = try JWKSet(parsing: Array(#"{"keys":[{"kty":"oct","kid":"a\u2028b","alg":"RS256","k":"\#(secret)"}]}"#.utf8))
        let verifier = JWSVerifier(keys: keys, algorithms: [.hs256])
        let token = JWSTestSupport.hmacToken(header: #"{"alg":"HS256","kid":"a\u2028b"}"#, payload: "{}", secret: JWSTestSupport.hmacSecret)
        #expect(throws: JOSEError.self) { try verifier.verify(token) }
        do {
            _ = try verifier.verify(token)
        } catch {
            #expect(error.reason == .keyAlgorithmMismatch)
            #expect(Self.isOneSafeLine(error.description), "\(error.description.debugDescription)")
            #expect(error.description.contains(#""a\u{2028}b""#))
        }
        #expect(keys.keys.count == 1 && Self.isOneSafeLine(keys.keys[0].description))
    }

    @Test("the JSON writer escapes U+2028, U+2029 and U+0085, and the result reads back unchanged")
    func writerKeepsOutputOnOneLine() throws {
        let value = try JSONReader.parse(Array(#"{"name":"a\u2028b\u2029c\u0085d\u2027e\u00e9"}"#.utf8))
        let written = JSONWriter.serialize(value)
        #expect(written == #"{"name":"a\u2028b\u2029c\u0085d‧eé"}"#)
        #expect(try JSONReader.parse(Array(written.utf8)) == value)
    }
}
