public import HTTPServer
import EntraAuthCore

/// The route metadata key under which a route's ``RouteAccess`` is stored.
///
/// Unset means ``RouteAccess/authenticated``: routes are protected by default. When a group and
/// a route both set it, the requirements combine with AND; an anonymous route inside a group
/// with a requirement is a configuration error that `Router.validate()` (and so `Server.run()`
/// and `router.testClient()`) reports with the route's method and pattern.
public enum RouteAccessKey: RouteMetadataKey {
    public static let defaultValue = RouteAccess.authenticated

    public static func combine(group: RouteAccess, route: RouteAccess) throws(RouteConfigurationError) -> RouteAccess {
        guard let groupRequirement = group.requirement else { return route }
        guard let routeRequirement = route.requirement else {
            throw RouteConfigurationError(.conflictingMetadata,
                "an anonymous route cannot sit in a group that requires \(groupRequirement); move it out of the group")
        }
        switch (groupRequirement.description, routeRequirement.description) {
        case ("authenticated", _): return route
        case (_, "authenticated"): return group
        default: return .requires(.all(groupRequirement, routeRequirement))
        }
    }
}

extension RouteMetadata {
    /// Who may call the route (default: any valid token).
    public var access: RouteAccess {
        get { self[RouteAccessKey.self] }
        set { self[RouteAccessKey.self] = newValue }
    }
}
