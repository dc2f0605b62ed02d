/// Routes that share a path prefix, middleware and metadata.
///
/// Group middleware runs after the router's own middleware and only for the group's routes; it
/// applies to every route of the group, whatever the order of the calls inside `configure`.
/// Group metadata is combined with each route's by the keys' `combine(group:route:)` (by
/// default the route's own value wins).
///
/// ```swift
/// router.group("/api") { api in
///     api.add(middleware: RequireAPIKey())
///     api.get("/items") { _, _ in .text("[]") }
///     api.group("/admin") { admin in
///         admin.delete("/items/:id") { _, _ in HTTPResponse(status: .noContent) }
///     }
/// }
/// ```
public struct RouteGroup<Context: RequestContext>: RouteBuilder {
    let prefix: String
    var metadata: RouteMetadata
    var middleware: [any MiddlewareProtocol<Context>] = []
    var registrations = RouteRegistrations<Context>()

    init(prefix: String, metadata: RouteMetadata) {
        self.prefix = prefix
        self.metadata = metadata
    }

    /// Adds middleware that runs for this group's routes only.
    public mutating func add(middleware: some MiddlewareProtocol<Context>) {
        self.middleware.append(middleware)
    }

    /// Adds a route under the group prefix, with the group's middleware and metadata.
    public mutating func on(
        _ method: HTTPMethod, _ path: String, metadata: RouteMetadata = RouteMetadata(),
        use handler: @escaping RouteHandler<Context>
    ) {
        registrations.add(method, pattern: joinPaths(prefix, path), metadata: metadata, handler: handler)
    }

    /// A nested group under this one; its metadata is combined with this group's.
    public mutating func group(
        _ prefix: String, metadata: RouteMetadata, _ configure: (inout RouteGroup<Context>) -> Void
    ) {
        var group = RouteGroup(prefix: joinPaths(self.prefix, prefix), metadata: metadata)
        configure(&group)
        registrations.append(group: group.registrations, metadata: group.metadata, middleware: group.middleware)
    }
}
