/// Something routes can be added to: a `Router` or a `RouteGroup`.
///
/// The requirements are `on(_:_:metadata:use:)`, `add(middleware:)` and
/// `group(_:metadata:_:)`; `get`, `post`, `put`, `patch`, `delete`, `head` and `options` are
/// shorthands for `on`. Extensions written on `RouteBuilder` work on routers and groups alike:
///
/// ```swift
/// extension RouteBuilder {
///     mutating func health() {
///         get("/healthz") { _, _ in .text("ok") }
///     }
/// }
/// router.health()
/// router.group("/v2") { $0.health() }
/// ```
///
/// Path patterns are literal segments, `:name` parameters (one segment, read with
/// `context.parameters["name"]`), `*` (any one segment) and a final `**` (one or more remaining
/// segments, read with `context.parameters.catchAll`). Matching prefers literal segments, then
/// parameters, then `*`, then `**`, and backtracks when a branch dead-ends.
public protocol RouteBuilder<Context> {
    associatedtype Context: RequestContext

    /// Adds a route for `method` and `path`. An invalid pattern is recorded and reported by
    /// `Router.validate()`.
    mutating func on(_ method: HTTPMethod, _ path: String, metadata: RouteMetadata, use handler: @escaping RouteHandler<Context>)

    /// Adds middleware: on a router it runs for every request, on a group for the group's routes.
    mutating func add(middleware: some MiddlewareProtocol<Context>)

    /// Adds routes under `prefix` that share middleware and `metadata` (combined with each
    /// route's own by the keys' `combine(group:route:)`).
    mutating func group(_ prefix: String, metadata: RouteMetadata, _ configure: (inout RouteGroup<Context>) -> Void)
}

extension RouteBuilder {
    /// Adds routes under `prefix` that share middleware, with no group metadata.
    ///
    /// ```swift
    /// router.group("/api") { api in
    ///     api.get("/items") { _, _ in .text("[]") }
    /// }
    /// ```
    public mutating func group(_ prefix: String, _ configure: (inout RouteGroup<Context>) -> Void) {
        group(prefix, metadata: RouteMetadata(), configure)
    }
}

extension RouteBuilder {
    /// Adds a `GET` route (it also answers `HEAD`, without the body, unless a `HEAD` route exists).
    ///
    /// ```swift
    /// router.get("/items/:id") { request, context in .text(context.parameters["id"] ?? "") }
    /// ```
    public mutating func get(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.get, path, metadata: metadata, use: handler)
    }

    /// Adds a `POST` route.
    public mutating func post(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.post, path, metadata: metadata, use: handler)
    }

    /// Adds a `PUT` route.
    public mutating func put(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.put, path, metadata: metadata, use: handler)
    }

    /// Adds a `PATCH` route.
    public mutating func patch(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.patch, path, metadata: metadata, use: handler)
    }

    /// Adds a `DELETE` route.
    public mutating func delete(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.delete, path, metadata: metadata, use: handler)
    }

    /// Adds a `HEAD` route (overrides the automatic `HEAD` of a `GET` route).
    public mutating func head(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.head, path, metadata: metadata, use: handler)
    }

    /// Adds an `OPTIONS` route.
    public mutating func options(_ path: String, metadata: RouteMetadata = RouteMetadata(), use handler: @escaping RouteHandler<Context>) {
        on(.options, path, metadata: metadata, use: handler)
    }
}
