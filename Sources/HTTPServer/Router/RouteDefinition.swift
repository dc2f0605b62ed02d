/// One registered route, before the router compiles its table.
struct RouteDefinition<Context: RequestContext>: Sendable {
    var method: HTTPMethod
    var pattern: String
    var parsedPattern: RoutePattern
    var metadata: RouteMetadata
    var handler: RouteHandler<Context>
}

/// The routes of a router or group as they are registered, with the configuration errors met
/// on the way (kept in registration order, reported by `Router.validate()`).
struct RouteRegistrations<Context: RequestContext>: Sendable {
    var routes: [RouteDefinition<Context>] = []
    var errors: [RouteConfigurationError] = []

    /// Records a route for `pattern`, or the error if the pattern is invalid.
    mutating func add(_ method: HTTPMethod, pattern: String, metadata: RouteMetadata, handler: @escaping RouteHandler<Context>) {
        do {
            let parsed = try RoutePattern(pattern)
            routes.append(RouteDefinition(method: method, pattern: pattern, parsedPattern: parsed, metadata: metadata, handler: handler))
        } catch {
            errors.append(error.located(method: method, pattern: pattern))
        }
    }

    /// Adds a finished group's routes: each wrapped in the group's `middleware`, with the
    /// group's `metadata` combined into its own. A route whose metadata cannot be combined is
    /// left out and its error recorded.
    mutating func append(
        group: RouteRegistrations<Context>, metadata: RouteMetadata, middleware: [any MiddlewareProtocol<Context>]
    ) {
        errors.append(contentsOf: group.errors)
        for var route in group.routes {
            do {
                route.metadata = try metadata.combined(withRoute: route.metadata)
            } catch {
                errors.append(error.located(method: route.method, pattern: route.pattern))
                continue
            }
            route.handler = chain(middleware, around: route.handler)
            routes.append(route)
        }
    }
}

/// Joins a group prefix and a route path into one pattern (`/api` + `/items` → `/api/items`).
func joinPaths(_ prefix: String, _ path: String) -> String {
    let left = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
    let right = path.hasPrefix("/") ? path : "/" + path
    let joined = left + right
    return joined.isEmpty ? "/" : joined
}
