// libFuzzer target: the key and encoding readers that take untrusted bytes (Sources/JOSE):
// `Base64URL.decode`, `RSAPublicKey(derRepresentation:)`, `RSAPublicKey(pemRepresentation:)`,
// `ECPublicKey(curve:x963Representation:)` and `JWKSet(parsing:)`, all on the raw input.
//
// Compiled by Tests/Fuzz/run.sh with the other JOSE targets, JOSEFuzzMain.swift and
// the JOSE module (built with -enable-testing, reached through `@testable import`).
// Not part of the SwiftPM package.
//
// Properties: no crash, no hang; base64url decoding is strict, so whatever decodes re-encodes to
// the same text; a JWK Set that loads serializes (`jsonValue`) to a document that loads again
// with the same keys.

@testable import JOSE

private func checkBase64URL(_ bytes: UnsafeRawBufferPointer) {
    guard let decoded = try? Base64URL.decode(bytes) else { return }
    let encoded = Base64URL.encode(decoded)
    if !encoded.utf8.elementsEqual(bytes) {
        fatalError("base64url \(String(decoding: bytes, as: UTF8.self)) decodes but re-encodes as \(encoded)")
    }
    guard let viaString = try? Base64URL.decode(encoded), viaString == decoded else {
        fatalError("base64url String and byte decoders disagree on \(encoded)")
    }
}

private func checkKeys(_ bytes: UnsafeRawBufferPointer) {
    let array = Array(bytes)
    // Small minimum so that short fuzzed moduli get past the size check into the key validation.
    _ = try? RSAPublicKey(derRepresentation: array, minimumModulusBitCount: 512)
    _ = try? RSAPublicKey(derRepresentation: array)
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = try? RSAPublicKey(pemRepresentation: text, minimumModulusBitCount: 512)
    }
    _ = try? ECPublicKey(curve: .p256, x963Representation: array)
    _ = try? ECPublicKey(curve: .p384, x963Representation: array)
}

private func checkJWKSet(_ bytes: UnsafeRawBufferPointer) {
    guard let keys = try? JWKSet(parsing: bytes, minimumRSAModulusBitCount: 512) else { return }
    let document = JSONWriter.serializedBytes(keys.jsonValue)
    let again: JWKSet
    do {
        again = try JWKSet(parsing: document, minimumRSAModulusBitCount: 512)
    } catch {
        fatalError("a loaded JWK Set does not load again from its own jsonValue: \(error)")
    }
    if again.keys.map(\.material) != keys.keys.map(\.material) || again.keys.map(\.keyID) != keys.keys.map(\.keyID) {
        fatalError("a JWK Set changed its keys on a jsonValue round trip")
    }
}

/// Entry point, called by JOSEFuzzMain.swift for the `key-parsing` target.
func fuzzKeyParsing(_ bytes: UnsafeRawBufferPointer) {
    checkBase64URL(bytes)
    checkKeys(bytes)
    checkJWKSet(bytes)
}
