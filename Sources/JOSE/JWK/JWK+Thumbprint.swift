extension JWK {
    /// The RFC 7638 thumbprint: the hash of the key's required members (`e`, `kty`, `n` for RSA;
    /// `crv`, `kty`, `x`, `y` for EC; `k`, `kty` for oct) serialized in lexicographic order
    /// without whitespace. Members are taken from the validated key, so an RSA modulus written
    /// with a superfluous leading zero still yields the canonical thumbprint.
    ///
    /// ```swift
    /// let id = Base64URL.encode(jwk.thumbprint())   // e.g. "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    /// ```
    public func thumbprint(digest: DigestAlgorithm = .sha256) -> [UInt8] {
        digest.hash(thumbprintInput)
    }

    /// The canonical JSON the thumbprint hashes (RFC 7638 §3.2).
    var thumbprintInput: [UInt8] {
        var members = materialMembers.map { JSONObject.Member(name: $0.0, value: .string($0.1)) }
        members.append(JSONObject.Member(name: "kty", value: .string(keyType.rawValue)))
        members.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        return JSONWriter.serializedBytes(.object(JSONObject(members)))
    }
}
