import Foundation
import Testing
@testable import JOSE

/// Tokens built to make refusing them expensive: header names and values made of long runs of
/// alternating combining marks (U+0301 and U+0316 have different combining classes, so Unicode
/// canonical reordering of such a run is quadratic). Swift's `String` `==`, hashing, `Set`,
/// `Dictionary` and `switch` normalize; the JWS path must compare UTF-8 bytes instead.
///
/// The time bounds guard *complexity*, not speed: a 44 KB run took about 1.1 CPU-seconds to
/// refuse with canonical-equivalence comparisons (debug build), and takes a few milliseconds
/// with byte comparisons. The bound is 100 ms of this thread's CPU time (not wall time, which
/// parallel tests and other builds on the machine inflate): a 20× margin that still fails on
/// any quadratic path. Speed is measured by `jose-bench adversarial-header-refusal`.
@Suite("JWS: refusing adversarial headers costs linear time")
struct AdversarialHeaderCostTests {
    /// `count` alternating U+0301 U+0316 (2 UTF-8 bytes each).
    static func marks(_ count: Int) -> String {
        String(String.UnicodeScalarView((0..<count).map { $0 % 2 == 0 ? "\u{301}" : "\u{316}" }))
    }

    static let keyID = "kriMPdmBvx68skT8-mPAB3BseeA"

    /// The real RSA key of vector 17 (kid = x5t = `keyID`), RS256 only.
    static func verifier() throws -> JWSVerifier {
        let json = try JWSTestSupport.loadJSON("entra-real-tokens/17-v1-app-adalnet-kriMP-2014.json")
        return JWSVerifier(keys: try JWKSet(json: try #require(json["jwks"])), algorithms: [.rs256])
    }

    /// `header.payload.signature` with a 256-byte signature that does not verify.
    static func token(header: String) -> String {
        JWSTestSupport.signingInput(header: header, payload: #"{"sub":"x"}"#) + "." + Base64URL.encode([UInt8](repeating: 7, count: 256))
    }

    /// This thread's CPU time (verification runs synchronously on the calling thread).
    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// Verifies `token` and returns the refusal and the CPU time it took.
    static func refuse(_ verifier: JWSVerifier, _ token: String) -> (JOSEError?, Duration) {
        var refusal: JOSEError?
        let start = threadCPUTime()
        do throws(JOSEError) { _ = try verifier.verify(token) } catch { refusal = error }
        return (refusal, threadCPUTime() - start)
    }

    static let long = marks(22_000)   // 44 KB: the whole 64 KiB token budget, base64url-encoded
    static let shapes: [(name: String, header: String, reason: JOSEError.Reason)] = [
        ("member name", #"{"alg":"RS256","kid":"\#(keyID)","\#(long)":1}"#, .invalidSignature),
        ("alg value", #"{"alg":"\#(long)","kid":"\#(keyID)"}"#, .unsupportedAlgorithm),
        ("alg value after a long name", #"{"\#(marks(11_000))":1,"alg":"\#(marks(10_000))"}"#, .unsupportedAlgorithm),
        ("kid value", #"{"alg":"RS256","kid":"\#(long)"}"#, .invalidHeader),
        ("kid value at the 256-byte limit", #"{"alg":"RS256","kid":"\#(marks(128))","\#(marks(21_000))":0}"#, .keyNotFound),
        ("x5t value", #"{"alg":"RS256","x5t":"\#(long)"}"#, .invalidHeader),
        ("cty value", #"{"alg":"RS256","kid":"\#(keyID)","cty":"\#(long)"}"#, .invalidSignature),
        ("typ value", #"{"alg":"RS256","kid":"\#(keyID)","typ":"\#(long)"}"#, .invalidSignature),
        ("enc, crit and jku look-ups past a long name", #"{"\#(long)":1,"alg":"RS256","kid":"\#(keyID)"}"#, .invalidSignature),
        ("many long members (hash-set duplicate path)",
         "{" + (0..<200).map { #""\#(marks(100))#\#($0)":0,"# }.joined() + #""alg":"RS256","kid":"\#(keyID)"}"#, .invalidSignature),
        ("duplicate long members",
         "{" + (0..<40).map { #""\#(marks(500))#\#($0)":0,"# }.joined() + #""\#(marks(500))#7":1,"alg":"RS256"}"#, .duplicateMember),
    ]

    @Test("each shape is refused for the expected reason within 100 ms", arguments: 0..<shapes.count)
    func refusedQuickly(shape index: Int) throws {
        let shape = Self.shapes[index]
        let verifier = try Self.verifier()
        let token = Self.token(header: shape.header)
        #expect(token.utf8.count <= verifier.maximumTokenByteCount, "\(shape.name): \(token.utf8.count) bytes")
        let (refusal, elapsed) = Self.refuse(verifier, token)
        #expect(refusal?.reason == shape.reason, "\(shape.name): \(String(describing: refusal))")
        #expect(elapsed < .milliseconds(100), "\(shape.name): \(elapsed)")
        // Error messages quote at most 64 scalars of a header value (or a kid of at most 256
        // bytes), escaped: short whatever the token's size.
        #expect((refusal?.message.utf8.count ?? 0) < 2_500, "\(shape.name)")
    }

    @Test("the 15 KB variant of the long member name, and an unsigned token, are refused quickly too")
    func smallerAndUnsigned() throws {
        let verifier = try Self.verifier()
        let header = #"{"alg":"RS256","\#(Self.marks(5_600))":1}"#
        let (refusal, elapsed) = Self.refuse(verifier, JWSTestSupport.signingInput(header: header, payload: "{}") + ".")
        #expect(refusal?.reason == .malformed)
        #expect(elapsed < .milliseconds(100), "\(elapsed)")
    }

    @Test("names and values compare by bytes: canonically equivalent spellings are different")
    func exactComparisons() throws {
        let object = try #require(try JSONReader.parse(#"{"\u212A1":1,"\u00e9":2,"e\u0301":3}"#).objectValue)
        #expect(object["K1"] == nil && object.contains(name: "K1") == false)
        #expect(object["\u{212A}1"]?.numberValue?.int64Value == 1)
        #expect(object["\u{E9}"]?.numberValue?.int64Value == 2)
        #expect(object["e\u{301}"]?.numberValue?.int64Value == 3)
        #expect(JSONValue.string("\u{E9}") != JSONValue.string("e\u{301}"))
        #expect(ExactString("K1") != ExactString("\u{212A}1"))
        #expect(Set([ExactString("\u{E9}"), ExactString("e\u{301}")]).count == 2)
        #expect(JSONObject(uniqueMembers: [("\u{E9}", .null), ("e\u{301}", .null)]) != nil)
        #expect(JWSAlgorithm(rawValue: "RS256") == .rs256)
        #expect(JWSAlgorithm(rawValue: "RS256\u{301}") == nil)
        #expect(JWK.KeyType(rawValue: "\u{212A}") == nil && ECCurve(rawValue: "P-256") == .p256)
        #expect(JWSAlgorithm.isKnownUnsupported("EdDSA") && !JWSAlgorithm.isKnownUnsupported("EdDSA\u{301}"))
        #expect("Application/JWT".isASCIICaseInsensitivelyEqual(to: "application/jwt"))
        #expect(!"appl\u{130}cation/jwt".isASCIICaseInsensitivelyEqual(to: "application/jwt"))
    }
}
