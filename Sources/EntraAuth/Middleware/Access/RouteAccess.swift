public import EntraAuthCore

/// Who may call a route: nobody unauthenticated (the default), anyone (``anonymous``), or a
/// validated caller meeting an ``AccessRequirement``.
///
/// Routes are protected by default: a route without `access:` needs a valid token. A group's
/// access and a route's combine with AND, and a route cannot widen a protected group: an
/// ``anonymous`` route inside a group that has a requirement is refused when the router is built.
///
/// ```swift
/// router.get("/healthz", access: .anonymous) { _, _ in .text("ok") }
/// router.get("/api/claims") { … }                                   // any valid token
/// router.get("/api/admin", access: .anyRole("DoAll")) { … }
/// router.group("/ops", access: .appOnly) { ops in
///     ops.post("/reload", access: .anyRole("Ops.Reload")) { … }     // appOnly AND Ops.Reload
/// }
/// ```
public struct RouteAccess: Sendable, CustomStringConvertible {
    /// The requirement, or `nil` for anonymous access.
    public let requirement: AccessRequirement?

    /// No token needed; any token sent is ignored.
    public static let anonymous = RouteAccess(requirement: nil)
    /// Any valid token.
    public static let authenticated = RouteAccess(requirement: .authenticated)
    /// A valid token meeting `requirement`.
    public static func requires(_ requirement: AccessRequirement) -> RouteAccess { RouteAccess(requirement: requirement) }

    /// A valid token with at least one of `roles` (see ``AccessRequirement/anyRole(_:)-(String...)``).
    public static func anyRole(_ roles: String...) -> RouteAccess { .requires(.anyRole(roles)) }
    /// A valid token with all of `roles`.
    public static func allRoles(_ roles: String...) -> RouteAccess { .requires(.allRoles(roles)) }
    /// A valid delegated token with one of `scopes`.
    public static func anyScope(_ scopes: String...) -> RouteAccess { .requires(.anyScope(scopes)) }
    /// A delegated token with one of `scopes`, or an app-only token with one of `roles`.
    public static func scopeOrAppRole(scopes: [String], roles: [String]) -> RouteAccess { .requires(.scopeOrAppRole(scopes: scopes, roles: roles)) }
    /// An application calling as itself.
    public static let appOnly = RouteAccess.requires(.appOnly)
    /// A caller whose `appid`/`azp` is listed.
    public static func allowedClientApps(_ clientIDs: [String]) -> RouteAccess { .requires(.allowedClientApps(clientIDs)) }
    /// A caller whose `oid` is listed.
    public static func allowedPrincipals(_ objectIDs: [String]) -> RouteAccess { .requires(.allowedPrincipals(objectIDs)) }
    /// A caller from a listed tenant.
    public static func allowedTenants(_ tenantIDs: [String]) -> RouteAccess { .requires(.allowedTenants(tenantIDs)) }
    /// A member of one of the groups.
    public static func anyGroup(_ groupIDs: [String]) -> RouteAccess { .requires(.anyGroup(groupIDs)) }

    /// Whether no token is needed.
    public var isAnonymous: Bool { requirement == nil }

    public var description: String { requirement.map(\.description) ?? "anonymous" }
}
