// libFuzzer target: bearer-token extraction (BearerTokenExtractor, RFC 6750 §2).
//
// Input: byte 0 holds flags (bit 0 query tokens allowed, bit 1 form tokens allowed, bit 2 a query
// token is present, bit 3 a form token is present); the rest is split at LF: the last piece is the
// query token and the one before it the form token when present, every other piece is one
// `Authorization` field value. Not part of the SwiftPM package.
//
// Properties: no crash, no hang; the same verdict twice; a refusal is a 400 or a 401 with the
// RFC 6750 code that goes with it; an accepted token is a non-empty RFC 7235 token68, comes from
// exactly one place, from a place that is allowed, and when it came from the Authorization field
// that field is `Bearer` (any case), spaces, then exactly the token; re-wrapping an accepted token
// as `Bearer <token>` extracts the same token.

@testable import EntraAuthCore

private func isToken68(_ token: String) -> Bool {
    var sawPadding = false
    for byte in token.utf8 {
        switch byte {
        case UInt8(ascii: "="): sawPadding = true
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            if sawPadding { return false }
        default: return false
        }
    }
    return !token.isEmpty && token.utf8.first != UInt8(ascii: "=")
}

private func verdict(_ extractor: BearerTokenExtractor, _ authorization: [String], _ query: String?, _ form: String?) -> Result<String?, EntraAuthError> {
    Result { () throws(EntraAuthError) in try extractor.extract(authorization: authorization, queryToken: query, formToken: form) }
}

/// Entry point, called by EntraFuzzMain.swift for the `bearer-extractor` target.
func fuzzBearerExtractor(_ bytes: UnsafeRawBufferPointer) {
    guard let flags = bytes.first else { return }
    let extractor = BearerTokenExtractor(allowsQueryParameter: flags & 1 != 0, allowsFormBody: flags & 2 != 0)
    var lines = bytes.count > 1 ? pieces(UnsafeRawBufferPointer(rebasing: bytes[1...]), separator: 10).map(text) : []
    let query = flags & 4 != 0 ? lines.popLast() : nil
    let form = flags & 8 != 0 ? lines.popLast() : nil
    let authorization = lines

    let first = verdict(extractor, authorization, query, form)
    let second = verdict(extractor, authorization, query, form)
    switch (first, second) {
    case (.success(let a), .success(let b)) where a == b: break
    case (.failure(let a), .failure(let b)) where a.reason == b.reason: break
    default: fatalError("two extractions differ: \(first) vs \(second)")
    }

    switch first {
    case .failure(let error):
        guard error.status == 400 || error.status == 401 else { fatalError("extraction refused with status \(error.status): \(error)") }
        let expectedCode = error.reason == .missingToken ? nil : (error.status == 400 ? "invalid_request" : "invalid_token")
        guard error.bearerErrorCode == expectedCode else { fatalError("status \(error.status) with RFC 6750 code \(error.bearerErrorCode ?? "nil")") }
        if authorization.count > 1, error.reason != .multipleTokens, error.reason != .tokenInDisallowedLocation {
            fatalError("\(authorization.count) Authorization fields refused as \(error.reason)")
        }
    case .success(nil):
        guard authorization.isEmpty, query == nil, form == nil else {
            fatalError("no token reported for authorization=\(authorization) query=\(String(describing: query)) form=\(String(describing: form))")
        }
    case .success(let token?):
        guard isToken68(token) else { fatalError("accepted a token that is not token68: \(token.debugDescription)") }
        if query != nil, !extractor.allowsQueryParameter { fatalError("accepted while a query token is present but not allowed") }
        if form != nil, !extractor.allowsFormBody { fatalError("accepted while a form token is present but not allowed") }
        let places = authorization.count + (query == nil ? 0 : 1) + (form == nil ? 0 : 1)
        guard places == 1 else { fatalError("accepted a token with \(places) places carrying one") }
        if let value = authorization.first {
            let utf8 = Array(value.utf8)
            guard utf8.count > 7, String(decoding: utf8[0..<6], as: UTF8.self).lowercased() == "bearer", utf8[6] == UInt8(ascii: " ") else {
                fatalError("accepted a token from an Authorization field that is not Bearer: \(value.debugDescription)")
            }
            let rest = utf8[6...].drop { $0 == UInt8(ascii: " ") }
            guard Array(rest) == Array(token.utf8) else { fatalError("accepted token \(token.debugDescription) is not the field's token: \(value.debugDescription)") }
        } else if token != query, token != form {
            fatalError("accepted token \(token.debugDescription) is neither the query nor the form token")
        }
        guard case .success(token?) = verdict(BearerTokenExtractor(), ["Bearer " + token], nil, nil) else {
            fatalError("re-wrapping accepted token \(token.debugDescription) as Bearer is refused")
        }
    }
}
