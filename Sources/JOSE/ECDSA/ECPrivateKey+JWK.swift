/// EC private JWKs (RFC 7518 §6.2.2) for development keys, both directions.
extension ECPrivateKey {
    /// Loads a key from a private EC JWK: `kty` `EC`, `crv` (`P-256` or `P-384`), `d`, and `x`
    /// and `y`, which must be `d·G`. Other members (`kid`, `alg`, …) are ignored.
    ///
    /// ```swift
    /// let key = try ECPrivateKey(jwk: try JSONReader.parse(jwkText).objectValue!)
    /// ```
    ///
    /// - Throws: ``ECKeyError`` with `malformedPrivateKey` (missing or non-base64url member,
    ///   `kty`), `unsupportedCurve`, `invalidScalar` (`d` not exactly the curve size or not in
    ///   `[1, n − 1]`) or `publicKeyMismatch`.
    public init(jwk: JSONObject) throws(ECKeyError) {
        guard let keyType = jwk["kty"]?.stringValue, JWK.KeyType(rawValue: keyType) == .ec,
              let curveName = jwk["crv"]?.stringValue else { throw ECKeyError(.malformedPrivateKey) }
        guard let curve = ECCurve(rawValue: curveName) else { throw ECKeyError(.unsupportedCurve) }
        let x = try Self.member(jwk, "x")
        let y = try Self.member(jwk, "y")
        try self.init(curve: curve, scalar: try Self.member(jwk, "d"))
        guard x == publicKey.x, y == publicKey.y else { throw ECKeyError(.publicKeyMismatch) }
    }

    /// The decoded base64url member `name`, which must be present.
    private static func member(_ jwk: JSONObject, _ name: String) throws(ECKeyError) -> [UInt8] {
        guard let text = jwk[name]?.stringValue, let bytes = try? Base64URL.decode(text) else {
            throw ECKeyError(.malformedPrivateKey)
        }
        return bytes
    }

    /// The private JWK: `kty`, `kid` (when given), `crv`, `x`, `y`, `d`. It holds the secret
    /// key: never publish it (publish `JWK(material: .ec(key.publicKey), …)`).
    ///
    /// ```swift
    /// let text = JSONWriter.serialize(.object(key.jwk(keyID: "dev-ec")))
    /// ```
    public func jwk(keyID: String? = nil) -> JSONObject {
        var members = [JSONObject.Member(name: "kty", value: .string(JWK.KeyType.ec.rawValue))]
        if let keyID { members.append(JSONObject.Member(name: "kid", value: .string(keyID))) }
        members.append(JSONObject.Member(name: "crv", value: .string(curve.rawValue)))
        for (name, bytes) in [("x", publicKey.x), ("y", publicKey.y), ("d", scalar)] {
            members.append(JSONObject.Member(name: name, value: .string(Base64URL.encode(bytes))))
        }
        return JSONObject(members)
    }
}
