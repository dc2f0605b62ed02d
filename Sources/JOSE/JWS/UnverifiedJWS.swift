/// A compact JWS decoded **without verifying anything** — for diagnostics (`entra-auth inspect`)
/// and for deciding, from the header's `kid`, whether a key set needs refreshing before
/// verification. Never authorize anything from its contents; use ``JWSVerifier``.
///
/// The same shape rules as verification apply: size limit, three parts, strict base64url,
/// strict JSON object header (the payload is decoded but not parsed).
///
/// ```swift
/// let peek = try UnverifiedJWS(parsing: token)
/// if let kid = peek.keyID, keySet.keys(withID: kid).isEmpty { await keyCache.refresh() }
/// ```
public struct UnverifiedJWS: Sendable {
    /// The protected header, parsed strictly but not checked against any policy.
    public let header: JSONObject
    /// The decoded payload bytes.
    public let payload: [UInt8]
    /// The decoded signature bytes.
    public let signature: [UInt8]

    /// The header's `alg` string, if it is one.
    public var algorithmName: String? { header["alg"]?.stringValue }
    /// The header's `kid` string, if it is one.
    public var keyID: String? { header["kid"]?.stringValue }
    /// The header's `x5t` string, if it is one (the key selector of Entra v1 tokens without `kid`).
    public var x509CertificateSHA1Thumbprint: String? { header["x5t"]?.stringValue }

    /// Decodes a compact JWS.
    ///
    /// - Throws: ``JOSEError`` (`tooLarge`, `malformed`, `isJWE`, `invalidBase64URL`, `invalidJSON`, `duplicateMember`).
    public init(parsing compact: String, maximumTokenByteCount: Int = 64 * 1024) throws(JOSEError) {
        guard compact.utf8.count <= maximumTokenByteCount else {
            throw JOSEError(.tooLarge, "the token is \(compact.utf8.count) bytes; the limit is \(maximumTokenByteCount)")
        }
        var compact = compact
        let decoded = compact.withUTF8 { buffer in
            Result { () throws(JOSEError) -> (JSONObject, [UInt8], [UInt8]) in
                let parts = try CompactParts(UnsafeRawBufferPointer(buffer))
                let header = try CompactParts.parseObject(try CompactParts.decode(parts.header, "header"), "header",
                                                          maximumByteCount: maximumTokenByteCount)
                return (header, try CompactParts.decode(parts.payload, "payload"), try CompactParts.decode(parts.signature, "signature"))
            }
        }
        (header, payload, signature) = try decoded.get()
    }
}
