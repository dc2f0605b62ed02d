import Foundation

/// Which `iss` values are trusted.
///
/// By default the issuer comes from the authority's discovery document, and its Entra
/// counterpart of the other token version is trusted too: a v2 authority
/// (`https://login.microsoftonline.com/{tid}/v2.0`) also accepts v1 tokens
/// (`https://sts.windows.net/{tid}/`) — managed-identity tokens are v1 unless the API's
/// registration asks for v2 — and the other way round.
///
/// Multi-tenant authorities (`common`, `organizations`) publish the template
/// `https://login.microsoftonline.com/{tenantid}/v2.0`: a token matches it only when its `tid`
/// is a GUID and substituting it gives exactly the token's `iss`. ``EntraTokenValidator``
/// applies the optional allowed-tenant list on top.
///
/// ```swift
/// var issuers = IssuerPolicy()                                       // discovery issuer + counterpart
/// issuers = IssuerPolicy(trusted: ["https://sts.windows.net/\(tid)/"], fromMetadata: false)   // exactly one
/// ```
public struct IssuerPolicy: Sendable {
    /// Issuers trusted in addition to the metadata's; each may contain `{tenantid}`.
    public var trusted: [String]
    /// Whether the discovery document's `issuer` is trusted (default `true`).
    public var fromMetadata: Bool
    /// Whether each trusted Entra issuer's other-version form is trusted too (default `true`).
    public var includesOtherTokenVersion: Bool

    /// An issuer policy.
    public init(trusted: [String] = [], fromMetadata: Bool = true, includesOtherTokenVersion: Bool = true) {
        self.trusted = trusted
        self.fromMetadata = fromMetadata
        self.includesOtherTokenVersion = includesOtherTokenVersion
    }

    /// The placeholder Entra's multi-tenant metadata uses for the tenant.
    public static let tenantPlaceholder = "{tenantid}"

    /// Every trusted issuer pattern given the metadata's issuer.
    func patterns(metadataIssuer: String?) -> [String] {
        var patterns = trusted
        if fromMetadata, let metadataIssuer { patterns.append(metadataIssuer) }
        if includesOtherTokenVersion {
            patterns += patterns.compactMap(EntraIssuer.otherVersion(of:))
        }
        return patterns
    }

    /// Whether `issuer` (with the token's `tenantID`) matches `pattern`.
    static func matches(_ issuer: String, tenantID: String?, pattern: String) -> Bool {
        guard let range = pattern.range(of: tenantPlaceholder) else { return bytesEqual(issuer, pattern) }
        guard let tenantID, isGUID(tenantID) else { return false }
        let expected = pattern.replacingCharacters(in: range, with: tenantID)
        return bytesEqual(issuer, expected)
    }
}

/// Entra's issuer shapes: v1 `https://sts.{cloud}/{tenant}/`, v2 `https://login.{cloud}/{tenant}/v2.0`.
///
/// ```swift
/// EntraIssuer.otherVersion(of: "https://sts.windows.net/\(tid)/")   // "https://login.microsoftonline.com/\(tid)/v2.0"
/// EntraIssuer.tenantSegment(of: "https://login.microsoftonline.com/\(tid)/v2.0")   // tid
/// ```
public enum EntraIssuer {
    /// v1 host ↔ v2 host, per cloud.
    public static let hostPairs: [(v1: String, v2: String)] = [
        ("sts.windows.net", "login.microsoftonline.com"),
        ("sts.chinacloudapi.cn", "login.chinacloudapi.cn"),
        ("sts.chinacloudapi.cn", "login.partner.microsoftonline.cn"),
    ]

    /// The same tenant's issuer for the other token version, when `issuer` is an Entra one
    /// (`nil` for any other shape, so a non-nil answer also says `issuer` is Entra-shaped).
    public static func otherVersion(of issuer: String) -> String? {
        guard issuer.utf8.starts(with: "https://".utf8) else { return nil }
        let rest = issuer.dropFirst(8)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[2].isEmpty,                                   // host/tenant/
           let pair = hostPairs.first(where: { bytesEqual($0.v1, parts[0]) }) {
            return "https://\(pair.v2)/\(parts[1])/v2.0"
        }
        if parts.count == 3, bytesEqual(parts[2], "v2.0"),                       // host/tenant/v2.0
           let pair = hostPairs.first(where: { bytesEqual($0.v2, parts[0]) }) {
            return "https://\(pair.v1)/\(parts[1])/"
        }
        return nil
    }

    /// The tenant segment of an Entra-shaped issuer (`https://host/{tenant}/…`).
    public static func tenantSegment(of issuer: String) -> Substring? {
        guard issuer.utf8.starts(with: "https://".utf8) || issuer.utf8.starts(with: "http://".utf8) else { return nil }
        let afterScheme = issuer.drop { $0 != "/" }.dropFirst(2)
        let parts = afterScheme.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count >= 2 ? parts[1] : nil
    }
}
