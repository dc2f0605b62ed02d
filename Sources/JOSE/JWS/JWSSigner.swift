/// Produces compact JWS tokens (RFC 7515 §7.1) — **development only**: tests, the local identity
/// emulator and demos. It signs with keys held in ordinary memory (see ``RSAPrivateKey`` and
/// ``ECPrivateKey``); real tokens come from Microsoft Entra ID.
///
/// The protected header is `{"typ":"JWT","alg":…,"x5t":…,"kid":…}` in that order (the order
/// Entra uses; `x5t` and `kid` only when given), followed by any extra members. The payload is
/// the claims object written by ``JSONWriter`` (compact, members in their stored order).
///
/// Every algorithm/key combination is checked when the signer is created, so ``sign(_:)``
/// cannot fail.
///
/// ```swift
/// let key = RSAPrivateKey.generate()
/// let signer = try JWSSigner(key: .rsa(key), algorithm: .rs256, keyID: "k1", x509Thumbprint: "k1")
/// let claims: JSONValue = ["sub": "alice", "roles": ["DoAll"]]
/// let token = signer.sign(claims.objectValue ?? JSONObject())
/// let keys = try JWKSet(keys: [signer.publicJWK])
/// try JWSVerifier(keys: keys).verify(token)   // verifies
/// ```
public struct JWSSigner: Sendable {
    /// The private key.
    public let key: JWSSigningKey
    /// The `alg` written into every header.
    public let algorithm: JWSAlgorithm
    /// The `kid` written into every header, if any.
    public let keyID: String?
    /// The `x5t` written into every header, if any (Entra sends it equal to `kid`).
    public let x509Thumbprint: String?
    /// Header members written after `typ`, `alg`, `x5t` and `kid`.
    public let extraHeaderMembers: JSONObject

    /// Header names the signer owns or that change how verifiers read a token; extra members may not use them.
    static let reservedHeaderNames: Set<String> = [
        "alg", "typ", "kid", "x5t", "crit", "b64", "enc", "zip", "jwk", "jku", "x5u", "x5c", "cty",
    ]

    /// A signer for `algorithm` with `key`.
    ///
    /// - Throws: ``JWSSignerError`` with `algorithmKeyMismatch` when the key cannot produce
    ///   `algorithm` (ES256 needs a P-256 key, RS*/PS* an RSA key), `unsupportedAlgorithm` for
    ///   `HS*`, `reservedHeaderMember` when `extraHeaderMembers` names a reserved member.
    public init(
        key: JWSSigningKey, algorithm: JWSAlgorithm, keyID: String? = nil, x509Thumbprint: String? = nil,
        extraHeaderMembers: JSONObject = JSONObject()
    ) throws(JWSSignerError) {
        guard algorithm.family != .hmac else {
            throw JWSSignerError(.unsupportedAlgorithm, "\(algorithm.rawValue) is a MAC; JWSSigner signs with private keys only")
        }
        guard key.canSign(algorithm) else {
            let keyName: String
            switch key {
            case .rsa: keyName = "an RSA key"
            case .ec(let ec): keyName = "an EC \(ec.curve.rawValue) key"
            }
            throw JWSSignerError(.algorithmKeyMismatch, "\(algorithm.rawValue) cannot be signed with \(keyName)")
        }
        if let reserved = extraHeaderMembers.names.first(where: { Self.reservedHeaderNames.contains($0) }) {
            throw JWSSignerError(.reservedHeaderMember, "extra header member \"\(reserved)\" is reserved")
        }
        self.key = key
        self.algorithm = algorithm
        self.keyID = keyID
        self.x509Thumbprint = x509Thumbprint
        self.extraHeaderMembers = extraHeaderMembers
    }

    /// The protected header every token carries.
    public var header: JSONObject {
        var members = [
            JSONObject.Member(name: "typ", value: "JWT"),
            JSONObject.Member(name: "alg", value: .string(algorithm.rawValue)),
        ]
        if let x509Thumbprint { members.append(JSONObject.Member(name: "x5t", value: .string(x509Thumbprint))) }
        if let keyID { members.append(JSONObject.Member(name: "kid", value: .string(keyID))) }
        members.append(contentsOf: extraHeaderMembers.members)
        return JSONObject(members)
    }

    /// The public JWK that verifies this signer's tokens (`kid`, `use: sig`, `alg`, plus `x5t`
    /// when the signer has one).
    public var publicJWK: JWK {
        let base = key.publicJWK(keyID: keyID, algorithm: algorithm)
        guard let x509Thumbprint else { return base }
        var members = base.jsonObject.members
        members.append(JSONObject.Member(name: "x5t", value: .string(x509Thumbprint)))
        // The members come from a key this process holds, so they always load again.
        return (try? JWK(json: JSONObject(members))) ?? base
    }

    /// Signs `claims` and returns `base64url(header).base64url(claims).base64url(signature)`.
    ///
    /// ```swift
    /// let token = signer.sign(JSONObject([JSONObject.Member(name: "aud", value: "api://aad-func")]))
    /// ```
    public func sign(_ claims: JSONObject) -> String {
        let signingInput = Base64URL.encode(JSONWriter.serializedBytes(.object(header))) + "."
            + Base64URL.encode(JSONWriter.serializedBytes(.object(claims)))
        let signature = key.signature(for: Array(signingInput.utf8), algorithm: algorithm)
        return signingInput + "." + Base64URL.encode(signature)
    }
}
