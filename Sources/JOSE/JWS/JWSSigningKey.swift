/// A private key a ``JWSSigner`` signs with — **development only** (tests, the local identity
/// emulator, demos). Production tokens are minted by Microsoft Entra ID, never by this library.
///
/// ```swift
/// let rsa = JWSSigningKey.rsa(RSAPrivateKey.generate())         // RS256, PS256, RS384, …
/// let ec = JWSSigningKey.ec(ECPrivateKey.generate(curve: .p256)) // ES256
/// rsa.canSign(.rs256)   // true
/// ec.canSign(.rs256)    // false
/// ```
public enum JWSSigningKey: Sendable {
    /// An RSA private key: `RS256`/`RS384`/`RS512` and `PS256`/`PS384`/`PS512`.
    case rsa(RSAPrivateKey)
    /// An EC private key: `ES256` on P-256, `ES384` on P-384.
    case ec(ECPrivateKey)

    /// The matching public key as a JWK, ready for a JWK Set.
    ///
    /// ```swift
    /// let jwk = key.publicJWK(keyID: "k1", algorithm: .rs256)   // {"kty":"RSA","kid":"k1","use":"sig","alg":"RS256",…}
    /// ```
    public func publicJWK(keyID: String? = nil, algorithm: JWSAlgorithm? = nil) -> JWK {
        let material: JWK.Material
        switch self {
        case .rsa(let key): material = .rsa(key.publicKey)
        case .ec(let key): material = .ec(key.publicKey)
        }
        return JWK(material: material, keyID: keyID, use: "sig", algorithm: algorithm?.rawValue)
    }

    /// Whether this key can produce `algorithm` signatures (family and, for ECDSA, curve).
    public func canSign(_ algorithm: JWSAlgorithm) -> Bool {
        switch (algorithm.family, self) {
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa): true
        case (.ecdsa, .ec(let key)): key.curve == algorithm.curve
        default: false
        }
    }

    /// The raw JWS signature of `signingInput` (the ASCII `header.payload`) under `algorithm`.
    /// Callers check ``canSign(_:)`` first.
    func signature(for signingInput: [UInt8], algorithm: JWSAlgorithm) -> [UInt8] {
        switch (algorithm.family, self) {
        case (.rsaPSS, .rsa(let key)):
            key.signature(for: signingInput, padding: .pss, digest: algorithm.digest)
        case (_, .rsa(let key)):
            key.signature(for: signingInput, padding: .pkcs1v15, digest: algorithm.digest)
        case (_, .ec(let key)):
            key.signature(for: signingInput, digest: algorithm.digest)
        }
    }
}
