/// What a validated caller must have to reach a route: app roles, scopes, app-only, allowed
/// client apps, principals, tenants or groups, or your own rule — combined with
/// ``all(_:)``, ``any(_:)`` and ``not(_:)``.
///
/// ```swift
/// router.get("/api/admin", access: .anyRole("DoAll")) { … }
/// router.get("/api/report", access: .scopeOrAppRole(scopes: ["Reports.Read"], roles: ["Reports.Read.All"])) { … }
/// let ops: AccessRequirement = .all(.appOnly, .allowedClientApps([msiFuncClientID]), .not(.anyRole("Blocked")))
/// ```
///
/// Role, scope, client, principal and group values are compared as exact bytes (GUIDs
/// case-insensitively), never with Unicode equivalence.
public struct AccessRequirement: Sendable, CustomStringConvertible {
    indirect enum Rule: Sendable {
        case authenticated
        case anyRole([String])
        case allRoles([String])
        case anyScope([String])
        case scopeOrAppRole(scopes: [String], roles: [String])
        case appOnly
        case allowedClientApps([String])
        case allowedPrincipals([String])
        case allowedTenants([String])
        case anyGroup([String])
        case custom(name: String, check: @Sendable (EntraIdentity) -> Bool)
        case all([Rule])
        case any([Rule])
        case not(Rule)
    }

    let rule: Rule

    init(_ rule: Rule) { self.rule = rule }

    /// Any valid token: no further condition.
    public static let authenticated = AccessRequirement(.authenticated)
    /// At least one of `roles` in the `roles` claim.
    public static func anyRole(_ roles: String...) -> AccessRequirement { anyRole(roles) }
    /// At least one of `roles` in the `roles` claim.
    public static func anyRole(_ roles: [String]) -> AccessRequirement { AccessRequirement(.anyRole(roles)) }
    /// Every one of `roles` in the `roles` claim.
    public static func allRoles(_ roles: String...) -> AccessRequirement { allRoles(roles) }
    /// Every one of `roles` in the `roles` claim.
    public static func allRoles(_ roles: [String]) -> AccessRequirement { AccessRequirement(.allRoles(roles)) }
    /// At least one of `scopes` in the `scp` claim (delegated, user tokens).
    public static func anyScope(_ scopes: String...) -> AccessRequirement { anyScope(scopes) }
    /// At least one of `scopes` in the `scp` claim (delegated, user tokens).
    public static func anyScope(_ scopes: [String]) -> AccessRequirement { AccessRequirement(.anyScope(scopes)) }
    /// A delegated token with one of `scopes`, or an app-only token with one of `roles`
    /// (Microsoft.Identity.Web's `RequiredScopeOrAppPermission`).
    public static func scopeOrAppRole(scopes: [String], roles: [String]) -> AccessRequirement {
        AccessRequirement(.scopeOrAppRole(scopes: scopes, roles: roles))
    }
    /// An application calling as itself (a managed identity, a daemon), not on behalf of a user.
    public static let appOnly = AccessRequirement(.appOnly)
    /// The calling application (`appid` or `azp`) is one of these client IDs.
    public static func allowedClientApps(_ clientIDs: [String]) -> AccessRequirement { AccessRequirement(.allowedClientApps(clientIDs)) }
    /// The caller's object ID (`oid`) is one of these.
    public static func allowedPrincipals(_ objectIDs: [String]) -> AccessRequirement { AccessRequirement(.allowedPrincipals(objectIDs)) }
    /// The caller's tenant (`tid`) is one of these.
    public static func allowedTenants(_ tenantIDs: [String]) -> AccessRequirement { AccessRequirement(.allowedTenants(tenantIDs)) }
    /// The caller is a member of at least one of these groups (`groups` claim).
    public static func anyGroup(_ groupIDs: [String]) -> AccessRequirement { AccessRequirement(.anyGroup(groupIDs)) }
    /// Your own rule; `name` appears in refusals and logs.
    ///
    /// ```swift
    /// .custom("managed identity") { $0.managedIdentityResourceID != nil }
    /// ```
    public static func custom(_ name: String, _ check: @escaping @Sendable (EntraIdentity) -> Bool) -> AccessRequirement {
        AccessRequirement(.custom(name: name, check: check))
    }
    /// Every requirement holds.
    public static func all(_ requirements: AccessRequirement...) -> AccessRequirement { all(requirements) }
    /// Every requirement holds.
    public static func all(_ requirements: [AccessRequirement]) -> AccessRequirement {
        requirements.count == 1 ? requirements[0] : AccessRequirement(.all(requirements.map(\.rule)))
    }
    /// At least one requirement holds.
    public static func any(_ requirements: AccessRequirement...) -> AccessRequirement { any(requirements) }
    /// At least one requirement holds.
    public static func any(_ requirements: [AccessRequirement]) -> AccessRequirement {
        requirements.count == 1 ? requirements[0] : AccessRequirement(.any(requirements.map(\.rule)))
    }
    /// The requirement does not hold.
    public static func not(_ requirement: AccessRequirement) -> AccessRequirement { AccessRequirement(.not(requirement.rule)) }

    /// Whether `identity` meets the requirement.
    public func isSatisfied(by identity: EntraIdentity) -> Bool { Self.evaluate(rule, identity) }

    /// Checks `identity`; a refusal names the caller and the unmet requirement.
    ///
    /// - Throws: ``EntraAuthError`` with reason ``EntraAuthError/Reason/insufficientAccess`` (403).
    public func check(_ identity: EntraIdentity) throws(EntraAuthError) {
        guard !isSatisfied(by: identity) else { return }
        throw EntraAuthError(.insufficientAccess, Self.explain(rule, identity), keyID: identity.signingKeyID,
                             clientAppID: identity.clientAppID, objectID: identity.objectID, tenantID: identity.tenantID,
                             requirement: description)
    }

    /// The requirement as code, e.g. `all(anyRole("DoAll"), appOnly)`.
    public var description: String { Self.describe(rule) }

    // MARK: Evaluation

    private static func evaluate(_ rule: Rule, _ identity: EntraIdentity) -> Bool {
        switch rule {
        case .authenticated: return true
        case .anyRole(let roles): return roles.contains(where: identity.hasRole)
        case .allRoles(let roles): return roles.allSatisfy(identity.hasRole)
        case .anyScope(let scopes): return scopes.contains(where: identity.hasScope)
        case .scopeOrAppRole(let scopes, let roles):
            return identity.isAppOnly ? roles.contains(where: identity.hasRole) : scopes.contains(where: identity.hasScope)
        case .appOnly: return identity.isAppOnly
        case .allowedClientApps(let ids): return identity.clientAppID.map { matchesID($0, in: ids) } ?? false
        case .allowedPrincipals(let ids): return identity.objectID.map { matchesID($0, in: ids) } ?? false
        case .allowedTenants(let ids): return identity.tenantID.map { matchesID($0, in: ids) } ?? false
        case .anyGroup(let ids): return ids.contains(where: identity.isMember(ofGroup:))
        case .custom(_, let check): return check(identity)
        case .all(let rules): return rules.allSatisfy { evaluate($0, identity) }
        case .any(let rules): return rules.contains { evaluate($0, identity) }
        case .not(let inner): return !evaluate(inner, identity)
        }
    }

    /// Byte-exact, or ASCII case-insensitive when both are GUIDs.
    private static func matchesID(_ value: String, in ids: [String]) -> Bool {
        ids.contains { bytesEqual($0, value) || (isGUID($0) && asciiCaseInsensitiveEqual($0, value)) }
    }

    private static func quotedList(_ values: [String]) -> String { values.map(logSafe).joined(separator: ", ") }

    private static func describe(_ rule: Rule) -> String {
        switch rule {
        case .authenticated: "authenticated"
        case .anyRole(let roles): "anyRole(\(quotedList(roles)))"
        case .allRoles(let roles): "allRoles(\(quotedList(roles)))"
        case .anyScope(let scopes): "anyScope(\(quotedList(scopes)))"
        case .scopeOrAppRole(let scopes, let roles): "scopeOrAppRole(scopes: [\(quotedList(scopes))], roles: [\(quotedList(roles))])"
        case .appOnly: "appOnly"
        case .allowedClientApps(let ids): "allowedClientApps(\(quotedList(ids)))"
        case .allowedPrincipals(let ids): "allowedPrincipals(\(quotedList(ids)))"
        case .allowedTenants(let ids): "allowedTenants(\(quotedList(ids)))"
        case .anyGroup(let ids): "anyGroup(\(quotedList(ids)))"
        case .custom(let name, _): "custom(\(logSafe(name)))"
        case .all(let rules): "all(\(rules.map(describe).joined(separator: ", ")))"
        case .any(let rules): "any(\(rules.map(describe).joined(separator: ", ")))"
        case .not(let inner): "not(\(describe(inner)))"
        }
    }

    /// A sentence naming the caller and what it lacks; for `all`, the first unmet part.
    private static func explain(_ rule: Rule, _ identity: EntraIdentity) -> String {
        let caller = "caller appid=\(identity.clientAppID.map(logSafe) ?? "(none)") oid=\(identity.objectID.map(logSafe) ?? "(none)")"
        let has = identity.roles.isEmpty ? "its token has no roles" : "its token has roles \(quotedList(identity.roles))"
        let roleHint = "; assign the app role to the caller's service principal (for a managed identity: New-MgServicePrincipalAppRoleAssignment); managed-identity tokens are cached for up to 24 h, so a new assignment can take that long to appear"
        switch rule {
        case .anyRole(let roles):
            return "\(caller) lacks app role \(roles.count == 1 ? logSafe(roles[0]) : "any of " + quotedList(roles)) (\(has))\(roleHint)"
        case .allRoles(let roles):
            let missing = roles.filter { !identity.hasRole($0) }
            return "\(caller) lacks app role\(missing.count == 1 ? "" : "s") \(quotedList(missing)) (\(has))\(roleHint)"
        case .anyScope(let scopes):
            return "\(caller) lacks delegated scope \(quotedList(scopes)) (its token has scopes \(identity.scopes.isEmpty ? "none" : quotedList(identity.scopes)))"
        case .scopeOrAppRole(let scopes, let roles):
            return identity.isAppOnly
                ? "\(caller) is an application and lacks app role \(quotedList(roles)) (\(has))\(roleHint)"
                : "\(caller) acts for a user and lacks delegated scope \(quotedList(scopes))"
        case .appOnly: return "\(caller) acts for a user; this route accepts only applications calling as themselves"
        case .allowedClientApps: return "\(caller): the calling application is not on this route's allowed list"
        case .allowedPrincipals: return "\(caller): the caller's object ID is not on this route's allowed list"
        case .allowedTenants: return "\(caller): tenant \(identity.tenantID.map(logSafe) ?? "(none)") is not on this route's allowed list"
        case .anyGroup(let ids): return "\(caller) is not a member of group \(quotedList(ids))"
        case .custom(let name, _): return "\(caller) does not satisfy \(logSafe(name))"
        case .all(let rules):
            if let unmet = rules.first(where: { !evaluate($0, identity) }) { return explain(unmet, identity) }
            return "\(caller) does not meet \(describe(rule))"
        case .any, .not, .authenticated: return "\(caller) does not meet \(describe(rule))"
        }
    }
}
