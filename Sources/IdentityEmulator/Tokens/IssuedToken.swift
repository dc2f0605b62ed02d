public import JOSE

/// An access token the emulator minted, with the values the token endpoints report.
///
/// ```swift
/// let issued = try emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
/// request.headers["Authorization"] = "Bearer \(issued.accessToken)"
/// issued.claims["roles"]   // ["DoAll"]
/// ```
public struct IssuedToken: Sendable {
    /// The compact JWS (RS256).
    public var accessToken: String
    /// The identity the token was issued to.
    public var identity: EmulatorIdentity
    /// The resource exactly as requested (the token's `aud`).
    public var resource: String
    /// `iat` = `nbf`, seconds since 1970.
    public var issuedAt: Int
    /// `exp`, seconds since 1970.
    public var expiresOn: Int
    /// The `kid` of the key that signed it.
    public var keyID: String
    /// The token's claims, in the order they were written.
    public var claims: JSONObject
}
