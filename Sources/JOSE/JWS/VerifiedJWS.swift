/// A compact JWS whose signature verified, as ``JWSVerifier/verify(_:)`` returns it.
///
/// Nothing here has been checked beyond the signature and the JOSE header rules: claims such as
/// `iss`, `aud`, `exp` and `nbf` are for the caller (the Entra middleware) to validate.
///
/// ```swift
/// let verified = try verifier.verify(token)
/// let exp = verified.claims?["exp"]?.numberValue?.int64Value
/// let typ = verified.header["typ"]?.stringValue
/// ```
public struct VerifiedJWS: Sendable {
    /// The algorithm that verified the signature (the header's `alg`).
    public let algorithm: JWSAlgorithm
    /// The protected header, parsed strictly.
    public let header: JSONObject
    /// The payload bytes (base64url-decoded), exactly as signed.
    public let payload: [UInt8]
    /// The payload parsed as a JSON object when the verifier's payload format is
    /// ``JWSVerifier/PayloadFormat/jsonObject`` (JWT claims); `nil` for ``JWSVerifier/PayloadFormat/bytes``.
    public let claims: JSONObject?
    /// The key that verified the signature.
    public let key: JWK

    /// The header's `kid`, when present.
    public var keyID: String? { header["kid"]?.stringValue }
}
