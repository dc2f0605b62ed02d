public import HTTPServer

extension RouteBuilder {
    /// Adds a route for `method` and `path` that callers must meet `access` to reach.
    ///
    /// ```swift
    /// router.on(.get, "/api/admin", access: .anyRole("DoAll")) { _, context in … }
    /// ```
    public mutating func on(_ method: HTTPMethod, _ path: String, access: RouteAccess, use handler: @escaping RouteHandler<Context>) {
        on(method, path, metadata: RouteMetadata { $0.access = access }, use: handler)
    }

    /// A `GET` route with an access rule (`.anonymous`, `.anyRole("DoAll")`, …).
    public mutating func get(_ path: String, access: RouteAccess, use handler: @escaping RouteHandler<Context>) {
        on(.get, path, access: access, use: handler)
    }

    /// A `POST` route with an access rule.
    public mutating func post(_ path: String, access: RouteAccess, use handler: @escaping RouteHandler<Context>) {
        on(.post, path, access: access, use: handler)
    }

    /// A `PUT` route with an access rule.
    public mutating func put(_ path: String, access: RouteAccess, use handler: @escaping RouteHandler<Context>) {
        on(.put, path, access: access, use: handler)
    }

    /// A `PATCH` route with an access rule.
    public mutating func patch(_ path: String, access: RouteAccess, use handler: @escaping RouteHandler<Context>) {
        on(.patch, path, access: access, use: handler)
    }

    /// A `DELETE` route with an access rule.
    public mutating func delete(_ path: String, access: RouteAccess, use handler: @escaping RouteHandler<Context>) {
        on(.delete, path, access: access, use: handler)
    }

    /// Routes under `prefix` whose access combines `access` with their own (AND).
    ///
    /// ```swift
    /// router.group("/admin", access: .anyRole("DoAll")) { admin in
    ///     admin.get("/stats") { … }                          // DoAll
    ///     admin.post("/purge", access: .appOnly) { … }       // DoAll AND app-only
    /// }
    /// ```
    public mutating func group(_ prefix: String, access: RouteAccess, _ configure: (inout RouteGroup<Context>) -> Void) {
        group(prefix, metadata: RouteMetadata { $0.access = access }, configure)
    }
}
