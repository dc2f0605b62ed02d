// libFuzzer target: JWS compact verification (Sources/JOSE/JWS) with a fixed small key set.
//
// Compiled by Tests/Fuzz/run.sh with the other JOSE targets, JOSEFuzzMain.swift and
// the JOSE module (built with -enable-testing, reached through `@testable import`).
// Not part of the SwiftPM package.
//
// The input is the token. It goes to two verifiers, because a JWK Set never mixes secrets with
// public keys: one holding the RFC 7515 A.2 RSA key (kid "rsa") and the A.3 P-256 key
// (kid "ec") with every RS/PS/ES algorithm allowed, one holding the A.1 HMAC secret (kid "hmac")
// with every HS algorithm allowed. Properties: no crash, no hang; `verify(_: String)` and
// `verify(utf8:)` agree on valid UTF-8; a token that verifies also parses as an `UnverifiedJWS`
// with the same header and payload, and names an algorithm of the verifier's family.

@testable import JOSE

/// The public RFC 7515 A.2 (RSA) and A.3 (P-256) keys, with key IDs added.
private let publicKeySet = #"""
{"keys":[
 {"kty":"RSA","kid":"rsa","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"},
 {"kty":"EC","kid":"ec","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}
]}
"""#

/// The RFC 7515 A.1 HMAC secret, with a key ID added.
private let secretKeySet = #"""
{"keys":[{"kty":"oct","kid":"hmac","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}
"""#

private func makeVerifier(_ document: String, _ algorithms: Set<JWSAlgorithm>) -> JWSVerifier {
    do {
        let keys = try JWKSet(parsing: Array(document.utf8))
        guard keys.rejectedKeys.isEmpty, !keys.keys.isEmpty else { fatalError("fuzz key set rejected keys: \(keys.rejectedKeys)") }
        return JWSVerifier(keys: keys, algorithms: algorithms)
    } catch {
        fatalError("fuzz key set does not load: \(error)")
    }
}

private let publicKeyVerifier = makeVerifier(
    publicKeySet, Set(JWSAlgorithm.allCases.filter { $0.family != .hmac }))
private let secretKeyVerifier = makeVerifier(
    secretKeySet, Set(JWSAlgorithm.allCases.filter { $0.family == .hmac }))

private func check(_ token: UnsafeRawBufferPointer, with verifier: JWSVerifier) {
    let fromBytes = Result { () throws(JOSEError) in try verifier.verify(utf8: token) }
    // The String entry point sees the same bytes only when they are valid UTF-8.
    if let text = String(validating: token, as: UTF8.self) {
        let fromString = Result { () throws(JOSEError) in try verifier.verify(text) }
        switch (fromBytes, fromString) {
        case (.success, .success): break
        case (.failure(let error), .failure(let other)):
            if error.reason != other.reason { fatalError("String and UTF-8 refusals differ: \(error) vs \(other)") }
        default:
            fatalError("String and UTF-8 verdicts differ: \(fromBytes) vs \(fromString)")
        }
    }
    guard case .success(let verified) = fromBytes else { return }
    guard let text = String(validating: token, as: UTF8.self) else {
        fatalError("a token that is not UTF-8 verified")
    }
    let unverified: UnverifiedJWS
    do {
        unverified = try UnverifiedJWS(parsing: text)
    } catch {
        fatalError("a verified token does not parse as UnverifiedJWS: \(error)")
    }
    if unverified.header != verified.header || unverified.payload != verified.payload {
        fatalError("UnverifiedJWS and JWSVerifier read the token differently")
    }
    guard let name = unverified.algorithmName, let algorithm = JWSAlgorithm(rawValue: name),
          verifier.algorithms.contains(algorithm) else {
        fatalError("a token verified with an algorithm outside the allow-list: \(unverified.algorithmName ?? "none")")
    }
}

/// Entry point, called by JOSEFuzzMain.swift for the `jws-verifier` target.
func fuzzJWSVerifier(_ token: UnsafeRawBufferPointer) {
    check(token, with: publicKeyVerifier)
    check(token, with: secretKeyVerifier)
}
