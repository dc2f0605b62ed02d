public import JOSE

/// What a token must satisfy to be accepted: audiences, issuers, tenants, versions, algorithms,
/// lifetime rules, header type and required claims. Secure, Entra-aware defaults; only the
/// audiences have to be given.
///
/// ```swift
/// var policy = TokenValidationPolicy(audiences: ["api://aad-func", "6e1c…-client-id"])
/// policy.allowedTenants = ["72f988bf-86f1-41af-91ab-2d7cd011db47"]
/// policy.clockSkew = .seconds(60)
/// ```
public struct TokenValidationPolicy: Sendable {
    /// Accepted `aud` values: the App ID URI(s) and the client ID GUID. One trailing `/` is
    /// ignored on both sides (Entra v1 tokens may carry the URI with or without it).
    public var audiences: [String]
    /// Trusted issuers (default: the discovery document's, and its other-version counterpart).
    public var issuers: IssuerPolicy
    /// When set, `tid` must be one of these (multi-tenant APIs); compared case-insensitively as GUIDs.
    public var allowedTenants: [String]?
    /// Accepted token versions (`ver`); default both, since callers don't choose the version.
    public var acceptedVersions: Set<TokenVersion>
    /// Algorithms a token may use (default RS256 only, which is what Entra signs with).
    public var algorithms: Set<JWSAlgorithm>
    /// Tolerance for `exp`, `nbf` and `iat` against this machine's clock (default 5 minutes, as Microsoft's).
    public var clockSkew: Duration
    /// Accepted header `typ` values (default ``TokenTypeRule/entra``).
    public var tokenTypes: TokenTypeRule
    /// Claims that must be present (any value).
    public var requiredClaims: [String]
    /// The largest token accepted, in bytes, checked before any decoding (default 32 KiB: an
    /// Entra token with a full `groups` claim stays under 16 KiB).
    public var maximumTokenByteCount: Int
    /// When set, tokens whose `iat` is older than this are refused.
    public var maximumTokenAge: Duration?
    /// Whether the signing key's own `issuer` member (Entra publishes one per key) must match
    /// the token's issuer after `{tenantid}` substitution (default `true`).
    public var checksSigningKeyIssuer: Bool

    /// A policy accepting `audiences`, with every other rule at its secure default.
    public init(audiences: [String], issuers: IssuerPolicy = IssuerPolicy(), allowedTenants: [String]? = nil,
                acceptedVersions: Set<TokenVersion> = [.v1, .v2], algorithms: Set<JWSAlgorithm> = [.rs256],
                clockSkew: Duration = .seconds(300), tokenTypes: TokenTypeRule = .entra, requiredClaims: [String] = [],
                maximumTokenByteCount: Int = 32 * 1024, maximumTokenAge: Duration? = nil, checksSigningKeyIssuer: Bool = true) {
        self.audiences = audiences
        self.issuers = issuers
        self.allowedTenants = allowedTenants
        self.acceptedVersions = acceptedVersions
        self.algorithms = algorithms
        self.clockSkew = clockSkew
        self.tokenTypes = tokenTypes
        self.requiredClaims = requiredClaims
        self.maximumTokenByteCount = maximumTokenByteCount
        self.maximumTokenAge = maximumTokenAge
        self.checksSigningKeyIssuer = checksSigningKeyIssuer
    }

    /// The accepted audience equal to `value` (ignoring one trailing `/` on either side), if any.
    func acceptedAudience(_ value: String) -> String? {
        let trimmed = Self.trimmingOneSlash(value)
        return audiences.first { bytesEqual(Self.trimmingOneSlash($0), trimmed) }
    }

    private static func trimmingOneSlash(_ value: String) -> Substring {
        value.utf8.last == UInt8(ascii: "/") ? value[..<value.utf8.index(before: value.utf8.endIndex)] : Substring(value)
    }

    /// `clockSkew` in seconds.
    var skewSeconds: Double { Double(clockSkew.components.seconds) + Double(clockSkew.components.attoseconds) * 1e-18 }
}
