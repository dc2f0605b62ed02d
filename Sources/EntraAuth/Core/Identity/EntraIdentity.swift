public import Foundation
public import JOSE

/// The caller, as a validated token describes it: typed accessors for the claims an API
/// authorizes on, plus every claim as received.
///
/// Claims are never renamed or mapped (`roles` stays `roles`). `roles`, `scp` and `groups`
/// accept both JSON arrays and space-separated strings.
///
/// ```swift
/// router.get("/api/admin", access: .anyRole("DoAll")) { _, context in
///     let caller = try context.requireIdentity()
///     return .text("hello \(caller.clientAppID ?? "?"), app-only: \(caller.isAppOnly)")
/// }
/// ```
public struct EntraIdentity: Sendable {
    /// Every claim of the token, as received (the `/api/claims` route returns these).
    public let claims: JSONObject
    /// The claims as JSON bytes: for a validated token, exactly the payload that was signed (so
    /// answering with the caller's claims costs no serialization).
    public let claimsJSON: [UInt8]
    /// The token's `iss`.
    public let issuer: String
    /// The `aud` value that was accepted (one of the token's audiences).
    public let audience: String
    /// `oid`: the immutable object ID of the user or service principal (the managed identity's principal ID).
    public let objectID: String?
    /// `sub`: the subject (equals `oid` in app-only tokens).
    public let subject: String?
    /// `tid`: the tenant.
    public let tenantID: String?
    /// The calling application: `appid` (v1) or `azp` (v2).
    public let clientAppID: String?
    /// `roles`: app roles (app permissions for app-only callers).
    public let roles: [String]
    /// `scp`: delegated scopes (user tokens only); `scope` for non-Entra issuers.
    public let scopes: [String]
    /// `groups`: group object IDs, when the app registration emits them.
    public let groups: [String]
    /// `xms_mirid`: the managed identity's Azure resource ID, when the caller is one.
    public let managedIdentityResourceID: String?
    /// `ver` as a ``TokenVersion``, when it is `1.0` or `2.0`.
    public let version: TokenVersion?
    /// `exp`.
    public let expiresAt: Date
    /// `nbf`, when present.
    public let notBefore: Date?
    /// `iat`, when present.
    public let issuedAt: Date?
    /// The header's `kid` (or `x5t`) of the key that verified the token.
    public let signingKeyID: String?

    /// Whether the caller is an application acting as itself (a managed identity, a daemon):
    /// `idtyp` is `app` when the API emits that optional claim; otherwise a token without `scp` is app-only.
    public var isAppOnly: Bool {
        if let type = claims["idtyp"]?.stringValue { return bytesEqual(type, "app") }
        return claims["scp"] == nil
    }

    /// Whether the token carries app role `role` (byte-exact).
    public func hasRole(_ role: String) -> Bool { roles.containsBytes(of: role) }
    /// Whether the token carries delegated scope `scope` (byte-exact).
    public func hasScope(_ scope: String) -> Bool { scopes.containsBytes(of: scope) }
    /// Whether the token lists group `groupID` (byte-exact; GUIDs case-insensitively).
    public func isMember(ofGroup groupID: String) -> Bool {
        groups.contains { bytesEqual($0, groupID) || (isGUID(groupID) && $0.lowercased() == groupID.lowercased()) }
    }

    /// An identity from validated claims. `audience` is the accepted `aud` value; `claimsJSON`
    /// defaults to the serialization of `claims`.
    public init(claims: JSONObject, issuer: String, audience: String, expiresAt: Date, signingKeyID: String?,
                claimsJSON: [UInt8]? = nil) {
        self.claims = claims
        self.claimsJSON = claimsJSON ?? JSONWriter.serializedBytes(.object(claims))
        self.issuer = issuer
        self.audience = audience
        self.expiresAt = expiresAt
        self.signingKeyID = signingKeyID
        objectID = claims["oid"]?.stringValue
        subject = claims["sub"]?.stringValue
        tenantID = claims["tid"]?.stringValue
        clientAppID = claims["appid"]?.stringValue ?? claims["azp"]?.stringValue
        roles = Self.stringList(claims["roles"])
        scopes = Self.stringList(claims["scp"] ?? claims["scope"])
        groups = Self.stringList(claims["groups"])
        managedIdentityResourceID = claims["xms_mirid"]?.stringValue
        version = claims["ver"]?.stringValue.flatMap(TokenVersion.init(claim:))
        notBefore = NumericDate.date(claims["nbf"])
        issuedAt = NumericDate.date(claims["iat"])
    }

    /// A JSON array of strings, or one space-separated string, as a list (other shapes: empty).
    static func stringList(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text): return text.split(separator: " ").map(String.init)
        case .array(let items): return items.compactMap(\.stringValue)
        default: return []
        }
    }
}
