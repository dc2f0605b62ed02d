// # JOSE
//
// Pure-Swift JSON Web Signature verification — base64url, SHA-2, HMAC, RSA and ECDSA — with JWK
// and JWK Set support, and no dependency beyond the standard library and Foundation.
// Verification needs no secrets; signing and private-key loading exist only for tests, the
// local identity emulator and development.
//
// Where to start:
// - `JWSVerifier` verifies compact tokens against a `JWKSet` and an algorithm allow-list.
// - `UnverifiedJWS` decodes a token without verifying it (diagnostics, key refresh decisions).
// - `JSONReader` / `JSONWriter` are the strict JSON used for headers, claims and key sets;
//   names and strings compare by UTF-8 bytes (`ExactString`).
// - `RSAPublicKey`, `ECPublicKey` (verification) and `RSAPrivateKey`, `ECPrivateKey`
//   (development signing, JWK / PKCS #8 / PKCS #1 / SEC 1 import and export).
//
// This file deliberately declares no type: a public type named like its module (`JOSE.JOSE`)
// breaks module-qualified names such as `JOSE.JWK` for every client.
