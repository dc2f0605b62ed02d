/// RSA private JWKs (RFC 7518 §6.3.2) for development keys, both directions.
extension RSAPrivateKey {
    /// Loads a key from a private RSA JWK: `kty` `RSA`, `n`, `e`, `d`, `p`, `q` (strict
    /// base64url), and `dp`, `dq`, `qi` when present, which must match the others. Multi-prime
    /// keys (`oth`) are not supported. Other members (`kid`, `alg`, …) are ignored.
    ///
    /// ```swift
    /// let object = try #require(try JSONReader.parse(jwkText).objectValue)
    /// let key = try RSAPrivateKey(jwk: object)
    /// ```
    ///
    /// - Throws: ``RSAKeyError`` with `malformedEncoding` (missing or non-string member, bad
    ///   base64url, wrong `kty`, `oth`), `invalidPrivateKey`, or a public-key reason.
    public init(jwk: JSONObject) throws(RSAKeyError) {
        guard let keyType = jwk["kty"]?.stringValue, JWK.KeyType(rawValue: keyType) == .rsa else {
            throw RSAKeyError(.malformedEncoding, "JWK \"kty\" is not \"RSA\"")
        }
        guard !jwk.contains(name: "oth") else {
            throw RSAKeyError(.malformedEncoding, "multi-prime RSA keys (\"oth\") are not supported")
        }
        try self.init(
            modulus: try Self.member(jwk, "n"), publicExponent: try Self.member(jwk, "e"),
            privateExponent: try Self.member(jwk, "d"), prime1: try Self.member(jwk, "p"), prime2: try Self.member(jwk, "q"))
        try checkCRTMembers(
            dp: try Self.optionalMember(jwk, "dp"), dq: try Self.optionalMember(jwk, "dq"), qi: try Self.optionalMember(jwk, "qi"))
    }

    /// The decoded base64url member `name`, which must be present.
    private static func member(_ jwk: JSONObject, _ name: String) throws(RSAKeyError) -> [UInt8] {
        guard let bytes = try optionalMember(jwk, name) else {
            throw RSAKeyError(.malformedEncoding, "RSA private JWK has no \"\(name)\"")
        }
        return bytes
    }

    /// The decoded base64url member `name`, or `nil` when absent.
    private static func optionalMember(_ jwk: JSONObject, _ name: String) throws(RSAKeyError) -> [UInt8]? {
        guard let value = jwk[name] else { return nil }
        guard let text = value.stringValue else { throw RSAKeyError(.malformedEncoding, "JWK \"\(name)\" is not a string") }
        do {
            return try Base64URL.decode(text)
        } catch {
            throw RSAKeyError(.malformedEncoding, "JWK \"\(name)\" is not strict base64url (\(error.reason))")
        }
    }

    /// The private JWK: `kty`, `kid` (when given), `n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `qi`.
    /// It holds the secret key: never publish it (publish `JWK(material: .rsa(key.publicKey), …)`).
    ///
    /// ```swift
    /// let text = JSONWriter.serialize(.object(key.jwk(keyID: "dev-1")))
    /// let again = try RSAPrivateKey(jwk: try JSONReader.parse(text).objectValue!)
    /// ```
    public func jwk(keyID: String? = nil) -> JSONObject {
        var members = [JSONObject.Member(name: "kty", value: .string(JWK.KeyType.rsa.rawValue))]
        if let keyID { members.append(JSONObject.Member(name: "kid", value: .string(keyID))) }
        let parts: [(String, [UInt8])] = [
            ("n", publicKey.modulus), ("e", publicKey.publicExponent), ("d", privateExponent), ("p", prime1), ("q", prime2),
            ("dp", exponent1.bigEndianBytes), ("dq", exponent2.bigEndianBytes), ("qi", coefficient.bigEndianBytes),
        ]
        for (name, bytes) in parts {
            members.append(JSONObject.Member(name: name, value: .string(Base64URL.encode(bytes))))
        }
        return JSONObject(members)
    }
}
