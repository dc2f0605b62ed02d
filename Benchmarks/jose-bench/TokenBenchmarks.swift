import JOSE

/// The Entra-shaped access token every `*-token` figure verifies: a v2 app-only token for
/// `api://aad-func` with an app role (about 1.2 KB once encoded).
private let tokenPayload = """
    {"aud":"api://aad-func","iss":"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",\
    "iat":1763700000,"nbf":1763700000,"exp":1763703900,"aio":"k2BgYJj1zdXr9pKZtJ4W6lYy9tnE8r3cAA==",\
    "azp":"5f6c4c2e-8d9a-4e1b-9f3a-2b7c1d0e4f5a","azpacr":"2","idtyp":"app","oid":"0b2f1e3d-4c5a-6b7c-8d9e-0f1a2b3c4d5e",\
    "rh":"1.AR8Av4j5cvGGr0GRqy180BHbRw","roles":["DoAll"],"sub":"0b2f1e3d-4c5a-6b7c-8d9e-0f1a2b3c4d5e",\
    "tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","uti":"Xk3b9cQnRUy2mZ1aT4vLAA","ver":"2.0",\
    "xms_ftd":"mK7hQ0oYyTxq5b2LzVJ9Zk3pR8aAcD1eF2gH3iJ4kL5","xms_idrel":"7 20"}
    """

/// `header.payload.signature` for `header`, signed by `sign` over the ASCII signing input.
private func compactToken(header: String, sign: ([UInt8]) -> [UInt8]) -> String {
    let signingInput = Base64URL.encode(header.utf8) + "." + Base64URL.encode(tokenPayload.utf8)
    return signingInput + "." + Base64URL.encode(sign(Array(signingInput.utf8)))
}

/// Measures whole-token verification: size check, split, base64url, strict JSON header,
/// policy checks, key lookup by `kid`, signature, payload decode and strict JSON claims.
private func measureToken(name: String, token: String, verifier: JWSVerifier) {
    measure(name: name) {
        guard let verified = try? verifier.verify(token) else { return 0 }
        return verified.claims?.count ?? 0
    }
}

/// `rs256-token`: whole-token RS256 verification with a 2048-bit key from a JWK Set shaped like
/// Entra's (kid, x5t, no alg), in ops/s.
func benchmarkRS256Token() {
    let key = RSAPrivateKey.generate()
    let kid = "k2Kx0bTPcFrqD5nDn0pqyi9pDbE"
    let token = compactToken(header: #"{"typ":"JWT","alg":"RS256","x5t":"\#(kid)","kid":"\#(kid)"}"#) {
        key.signature(for: $0, padding: .pkcs1v15, digest: .sha256)
    }
    guard let keys = try? JWKSet(keys: [JWK(material: .rsa(key.publicKey), keyID: kid, use: "sig")]) else { return }
    measureToken(name: "rs256-token", token: token, verifier: JWSVerifier(keys: keys, algorithms: [.rs256]))
}

/// `es256-token`: whole-token ES256 verification with a P-256 key, in ops/s.
func benchmarkES256Token() {
    let key = ECPrivateKey.generate(curve: .p256)
    let kid = "es256-bench"
    let token = compactToken(header: #"{"typ":"JWT","alg":"ES256","kid":"\#(kid)"}"#) {
        key.signature(for: $0, digest: .sha256)
    }
    guard let keys = try? JWKSet(keys: [JWK(material: .ec(key.publicKey), keyID: kid, use: "sig", algorithm: "ES256")]) else { return }
    measureToken(name: "es256-token", token: token, verifier: JWSVerifier(keys: keys, algorithms: [.es256]))
}

/// `hs256-token` (extra figure): whole-token HS256 verification, which isolates the JOSE
/// overhead (split, base64url, JSON, key lookup) from public-key arithmetic, in ops/s.
func benchmarkHS256Token() {
    let secret = (0..<32).map { UInt8($0 &* 7 &+ 1) }
    let token = compactToken(header: #"{"typ":"JWT","alg":"HS256","kid":"hs"}"#) {
        DigestAlgorithm.sha256.authenticationCode(for: $0, key: secret)
    }
    guard let keys = try? JWKSet(keys: [JWK(material: .octet(secret), keyID: "hs", use: "sig", algorithm: "HS256")]) else { return }
    measureToken(name: "hs256-token", token: token, verifier: JWSVerifier(keys: keys, algorithms: [.hs256]))
}
