// libFuzzer target: the `X-MS-CLIENT-PRINCIPAL` decoder (EasyAuthPrincipal).
//
// Input: byte 0 even → the rest is the decoded document, base64-encoded here so that mutations
// reach the JSON and claim mapping; odd → the rest is the header value as sent.
// Not part of the SwiftPM package.
//
// Properties: no crash, no hang; the same verdict twice; a refusal is `malformedToken` (401); an
// accepted header is at most `maximumByteCount` bytes, gives claims with unique names that
// re-serialize to strict JSON, `roles`/`groups` as arrays of strings, and every other claim as a
// string or an array of strings.

import Foundation
@testable import EntraAuthCore
@testable import JOSE

private func decode(_ value: String) -> Result<EntraIdentity, EntraAuthError> {
    Result { () throws(EntraAuthError) in try EasyAuthPrincipal.identity(fromHeader: value) }
}

/// Entry point, called by EntraFuzzMain.swift for the `easyauth-principal` target.
func fuzzEasyAuthPrincipal(_ bytes: UnsafeRawBufferPointer) {
    guard let mode = bytes.first else { return }
    let rest = Array(bytes.dropFirst())
    let value = mode & 1 == 0 ? Data(rest).base64EncodedString() : text(rest)
    let first = decode(value)
    switch (first, decode(value)) {
    case (.success(let a), .success(let b)) where a.claimsJSON == b.claimsJSON: break
    case (.failure(let a), .failure(let b)) where a.reason == b.reason: break
    default: fatalError("two decodings differ")
    }
    switch first {
    case .failure(let error):
        guard error.reason == .malformedToken, error.status == 401 else { fatalError("refused as \(error.reason) \(error.status)") }
    case .success(let identity):
        guard value.utf8.count <= EasyAuthPrincipal.maximumByteCount else { fatalError("accepted a \(value.utf8.count)-byte header") }
        let names = identity.claims.names
        guard Set(names.map { Array($0.utf8) }).count == names.count else { fatalError("duplicate claim names: \(names)") }
        let serialized = JSONWriter.serializedBytes(.object(identity.claims))
        guard let reparsed = try? JSONReader.parse(serialized), reparsed == .object(identity.claims) else {
            fatalError("the claims do not survive strict JSON: \(String(decoding: serialized, as: UTF8.self))")
        }
        for name in names {
            guard let claim = identity.claims[name] else { fatalError("claim \(name) listed but absent") }
            switch claim {
            case .string:
                if name == "roles" || name == "groups" { fatalError("\(name) is a single string, not a list") }
            case .array(let items):
                guard items.allSatisfy({ $0.stringValue != nil }) else { fatalError("claim \(name) has non-string items") }
            default:
                fatalError("claim \(name) is \(claim)")
            }
        }
    }
}
