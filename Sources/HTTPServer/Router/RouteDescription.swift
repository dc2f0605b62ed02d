/// A registered route as `Router.registeredRoutes` lists it: what an access-rules table or an
/// OpenAPI check compares itself against.
///
/// ```swift
/// let patterns = Set(router.registeredRoutes.map(\.pattern))
/// for rule in rules where !patterns.contains(rule.pattern) { print("rule matches no route:", rule.pattern) }
/// ```
public struct RouteDescription: Sendable {
    /// The route's method.
    public var method: HTTPMethod
    /// The full pattern, group prefixes included (for example `/api/items/:id`).
    public var pattern: String
    /// The route's metadata, combined with its groups'.
    public var metadata: RouteMetadata

    /// A description of one route.
    public init(method: HTTPMethod, pattern: String, metadata: RouteMetadata) {
        self.method = method
        self.pattern = pattern
        self.metadata = metadata
    }
}
