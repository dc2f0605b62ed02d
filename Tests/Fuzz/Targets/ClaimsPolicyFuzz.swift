// libFuzzer target: the validator's claims policy (EntraTokenValidator) on arbitrary payloads
// that carry a valid signature.
//
// Input: byte 0 picks policy options (bit 0 multi-tenant metadata issuer `{tenantid}` instead of
// one tenant's; bit 1 an allowed-tenant list; bit 2 a maximum token age; bit 3 a required claim;
// bit 4 the RFC 9068 `typ` rule instead of Entra's), byte 1 picks one of a few JOSE headers
// (typ variants, no kid, x5t instead of kid, a Graph `nonce`, a non-string typ, an unknown kid),
// the rest is the payload, signed with HS256 under a fixed oct key so that every input reaches
// the claims checks at the cost of one HMAC. Not part of the SwiftPM package.
//
// Properties: no crash, no hang; a second validation (a cache hit when the first accepted) gives
// the same verdict; an accepted token has exactly the signed payload as `claimsJSON`, a string
// `iss` equal to the identity's issuer, an accepted audience among its `aud` values, a numeric
// `exp` (and `nbf`, `iat` when present) inside the clock-skew window, a `tid` on the allow list
// when there is one, and `roles`/`groups` made of strings; a refusal is a 401.

import Foundation
@testable import EntraAuthCore
@testable import JOSE

private let secret = Array("fuzz-hmac-secret-of-32-bytes-or-more!".utf8)
private let keyID = "fuzz-hmac"
private let tenantID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
private let now: Double = 1_767_225_600
private let audiences = ["api://aad-func", "6e1c0000-0000-0000-0000-000000000001"]

private struct FixedKeys: SigningKeyResolving {
    let snapshot: SigningKeySnapshot
    func currentKeys() -> SigningKeySnapshot? { snapshot }
    func refreshForUnknownKey(_ keyID: String?) async -> SigningKeySnapshot? { snapshot }
}

private let keySet: JWKSet = {
    do {
        return try JWKSet(keys: [JWK(material: .octet(secret), keyID: keyID, use: "sig", algorithm: "HS256")])
    } catch {
        fatalError("fixed oct key refused: \(error)")
    }
}()

private let headers: [String] = [
    #"{"alg":"HS256","typ":"JWT","kid":"fuzz-hmac"}"#,
    #"{"alg":"HS256","kid":"fuzz-hmac"}"#,
    #"{"alg":"HS256","typ":"at+jwt","kid":"fuzz-hmac"}"#,
    #"{"alg":"HS256","typ":"JWT"}"#,
    #"{"alg":"HS256","typ":"JWT","kid":"fuzz-hmac","nonce":"bm9uY2U"}"#,
    #"{"alg":"HS256","typ":"JWT","x5t":"fuzz-hmac"}"#,
    #"{"alg":"HS256","typ":7,"kid":"fuzz-hmac"}"#,
    #"{"alg":"HS256","typ":"JWT","kid":"unknown"}"#,
]

/// One validator per policy variant (0..<32), built on first use; their caches live for the run.
nonisolated(unsafe) private var validators: [UInt8: EntraTokenValidator] = [:]

private func validator(_ flags: UInt8) -> EntraTokenValidator {
    let flags = flags & 0x1F
    if let existing = validators[flags] { return existing }
    let metadataIssuer = flags & 1 != 0 ? "https://login.microsoftonline.com/{tenantid}/v2.0"
                                        : "https://login.microsoftonline.com/\(tenantID)/v2.0"
    let policy = TokenValidationPolicy(
        audiences: audiences, allowedTenants: flags & 2 != 0 ? [tenantID] : nil, algorithms: [.hs256],
        tokenTypes: flags & 16 != 0 ? .rfc9068 : .entra, requiredClaims: flags & 8 != 0 ? ["oid"] : [],
        maximumTokenAge: flags & 4 != 0 ? .seconds(86_400) : nil)
    let keys = FixedKeys(snapshot: SigningKeySnapshot(keys: keySet, issuer: metadataIssuer, version: 1, fetchedAt: Date(timeIntervalSince1970: now)))
    let made = EntraTokenValidator(policy: policy, keys: keys, now: { Date(timeIntervalSince1970: now) })
    validators[flags] = made
    return made
}

private func sign(header: String, payload: [UInt8]) -> String {
    let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
    return input + "." + Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Array(input.utf8), key: secret))
}

private func outcome(_ validator: EntraTokenValidator, _ token: String) async -> Result<EntraIdentity, EntraAuthError> {
    do throws(EntraAuthError) {
        return .success(try await validator.validate(token))
    } catch {
        return .failure(error)
    }
}

private func stringList(_ value: JSONValue) -> Bool {
    switch value {
    case .string: true
    case .array(let items): items.allSatisfy { $0.stringValue != nil }
    default: false
    }
}

/// Entry point, called by EntraFuzzMain.swift for the `claims-policy` target.
func fuzzClaimsPolicy(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= 2 else { return }
    let flags = bytes[0]
    let header = headers[Int(bytes[1]) % headers.count]
    let payload = Array(bytes[2...])
    let token = sign(header: header, payload: payload)
    let validator = validator(flags)

    let (first, second) = runBlocking { () -> (Result<EntraIdentity, EntraAuthError>, Result<EntraIdentity, EntraAuthError>) in
        (await outcome(validator, token), await outcome(validator, token))
    }
    switch (first, second) {
    case (.success(let a), .success(let b)):
        guard a.claimsJSON == b.claimsJSON, a.audience == b.audience, a.issuer == b.issuer else {
            fatalError("the cached identity differs from the validated one")
        }
    case (.failure(let a), .failure(let b)):
        guard a.reason == b.reason else { fatalError("two validations refuse differently: \(a) vs \(b)") }
    default:
        fatalError("two validations differ: \(first) vs \(second)")
    }

    switch first {
    case .failure(let error):
        guard error.status == 401 else { fatalError("a signed token refused with status \(error.status): \(error)") }
    case .success(let identity):
        check(identity, payload: payload, flags: flags, header: header)
    }
}

private func check(_ identity: EntraIdentity, payload: [UInt8], flags: UInt8, header: String) {
    guard identity.claimsJSON == payload else { fatalError("claimsJSON is not the signed payload") }
    guard case .object(let claims)? = try? JSONReader.parse(payload) else { fatalError("accepted a payload that is not a JSON object") }
    guard let issuer = claims["iss"]?.stringValue, issuer == identity.issuer else { fatalError("accepted without a string iss equal to the identity's") }
    let audienceValues: [String]
    switch claims["aud"] {
    case .string(let value): audienceValues = [value]
    case .array(let values): audienceValues = values.compactMap(\.stringValue)
    default: fatalError("accepted without a string aud")
    }
    guard audiences.contains(identity.audience) else { fatalError("identity audience \(identity.audience) is not configured") }
    let trimmed = { (s: String) in s.hasSuffix("/") ? String(s.dropLast()) : s }
    guard audienceValues.contains(where: { trimmed($0).utf8.elementsEqual(trimmed(identity.audience).utf8) }) else {
        fatalError("accepted audience \(identity.audience) is not among the token's \(audienceValues)")
    }
    let skew = 300.0
    guard let expires = NumericDate.seconds(claims["exp"]), now < expires + skew else { fatalError("accepted with exp \(String(describing: claims["exp"]))") }
    if let value = claims["nbf"] {
        guard let notBefore = NumericDate.seconds(value), now >= notBefore - skew else { fatalError("accepted with nbf \(value)") }
    }
    if let value = claims["iat"] {
        guard let issuedAt = NumericDate.seconds(value), issuedAt <= now + skew else { fatalError("accepted with iat \(value)") }
        if flags & 4 != 0, now - issuedAt > 86_400 + skew { fatalError("accepted a token older than the maximum age") }
    } else if flags & 4 != 0 {
        fatalError("accepted without iat under a maximum age")
    }
    if flags & 2 != 0 {
        guard let tid = claims["tid"]?.stringValue, tid.lowercased() == tenantID else { fatalError("accepted tenant \(String(describing: claims["tid"])) not on the allow list") }
    }
    if flags & 8 != 0, claims["oid"] == nil { fatalError("accepted without the required oid") }
    for name in ["roles", "groups"] {
        if let value = claims[name], !stringList(value) { fatalError("accepted a \(name) claim that is not strings") }
    }
    if header.contains("\"typ\":7") { fatalError("accepted a non-string typ") }
    if flags & 16 != 0, !header.contains("at+jwt") { fatalError("accepted typ outside RFC 9068 under the RFC 9068 rule") }
    if header.contains("\"unknown\"") { fatalError("accepted a token whose kid is not published") }
}
