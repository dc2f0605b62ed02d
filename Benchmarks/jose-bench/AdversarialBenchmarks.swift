import JOSE

/// `adversarial-header-refusal`: refusing a 59 KB token whose header has one member name of
/// 22,000 alternating combining marks (U+0301 U+0316, different combining classes), in ops/s —
/// printed beside `rs256-token` so the two can be compared. With Swift `String` comparisons the
/// canonical reordering was quadratic (about 1.1 CPU-s per token in a debug build); with
/// UTF-8 byte comparisons it is one linear pass of base64url and JSON.
func benchmarkAdversarialHeaderRefusal() {
    let key = RSAPrivateKey.generate()
    let kid = "k2Kx0bTPcFrqD5nDn0pqyi9pDbE"
    guard let keys = try? JWKSet(keys: [JWK(material: .rsa(key.publicKey), keyID: kid, use: "sig")]) else { return }
    let verifier = JWSVerifier(keys: keys, algorithms: [.rs256])
    let marks = String(String.UnicodeScalarView((0..<22_000).map { $0 % 2 == 0 ? "\u{301}" : "\u{316}" }))
    let header = #"{"alg":"RS256","kid":"\#(kid)","\#(marks)":1}"#
    let token = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(#"{"sub":"x"}"#.utf8)) + "."
        + Base64URL.encode([UInt8](repeating: 7, count: 256))
    measure(name: "adversarial-header-refusal") {
        do throws(JOSEError) {
            _ = try verifier.verify(token)
            return 0
        } catch {
            return error.reason == .invalidSignature ? 1 : 0
        }
    }
}
