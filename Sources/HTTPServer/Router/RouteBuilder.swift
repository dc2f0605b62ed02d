/// Something routes can be added to: a `Router` or a `RouteGroup`.
///
/// `on(_:_:metadata:use:)` is the one requirement; `get`, `post`, `put`, `patch`, `delete`,
/// `head` and `options` are shorthands for it.
///
/// Path patterns are literal segments, `:name` parameters (one segment, read with
/// `context.parameters["name"]`), `*` (any one segment) and a final `**` (one or more remaining
/// segments, read with `context.parameters.catchAll`). Matching prefers literal segments, then
/// parameters, then `*`, then `**`, and backtracks when a branch dead-ends.
public protocol RouteBuilder<Context> {
    associatedtype Context: RequestContext

    /// Adds a route for `method` and `path`.
    mutating func on(_ method: HTTPMethod, _ path: String, metadata: RouteMetadata, use handler: @escaping RouteHandler<Context>)
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

/// One registered route, before the router compiles its table.
struct RouteDefinition<Context: RequestContext>: Sendable {
    var method: HTTPMethod
    var pattern: String
    var metadata: RouteMetadata
    var handler: RouteHandler<Context>
}

/// Joins a group prefix and a route path into one pattern (`/api` + `/items` → `/api/items`).
func joinPaths(_ prefix: String, _ path: String) -> String {
    let left = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
    let right = path.hasPrefix("/") ? path : "/" + path
    let joined = left + right
    return joined.isEmpty ? "/" : joined
}
