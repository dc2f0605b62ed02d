/// Maps method and path to handlers, with middleware, groups, 404 and 405.
///
/// ```swift
/// var router = Router(context: BasicRequestContext.self)
/// router.add(middleware: RequestLogger())          // runs for every request, even 404s
/// router.get("/hello") { _, _ in .text("ok") }
/// router.get("/items/:id") { _, context in .text(context.parameters["id"] ?? "") }
/// router.group("/files") { files in
///     files.get("/**") { _, context in .text(context.parameters.catchAll ?? "") }
/// }
/// let server = Server(configuration: .init(address: .hostPort("127.0.0.1", 8080)), router: router)
/// try await server.run()
/// ```
///
/// Requests whose path matches no route get `404`; a path that matches only for other methods
/// gets `405` with an `Allow` field. Both are `application/problem+json` and pass through the
/// router's middleware first (so, for example, request logging sees them). The route is matched
/// before any middleware runs, so middleware can read `context.route` and its metadata.
public struct Router<Context: RequestContext>: RouteBuilder, Sendable {
    var registrations = RouteRegistrations<Context>()
    var middleware: [any MiddlewareProtocol<Context>] = []

    /// An empty router whose handlers receive a `Context`.
    public init(context: Context.Type = BasicRequestContext.self) {}

    /// Adds middleware that runs for every request, outermost first in the order added.
    public mutating func add(middleware: some MiddlewareProtocol<Context>) {
        self.middleware.append(middleware)
    }

    /// Adds a route for `method` and `path` (see `RouteBuilder` for the pattern syntax).
    public mutating func on(
        _ method: HTTPMethod, _ path: String, metadata: RouteMetadata = RouteMetadata(),
        use handler: @escaping RouteHandler<Context>
    ) {
        registrations.add(method, pattern: joinPaths("", path), metadata: metadata, handler: handler)
    }

    /// Adds routes sharing `prefix`, middleware and `metadata` (combined with each route's own
    /// by the keys' `combine(group:route:)`).
    ///
    /// ```swift
    /// router.group("/admin", metadata: RouteMetadata { $0[RolesKey.self] = ["DoAll"] }) { admin in
    ///     admin.post("/reload") { _, _ in .text("reloaded") }
    /// }
    /// ```
    public mutating func group(
        _ prefix: String, metadata: RouteMetadata, _ configure: (inout RouteGroup<Context>) -> Void
    ) {
        var group = RouteGroup<Context>(prefix: joinPaths("", prefix), metadata: metadata)
        configure(&group)
        registrations.append(group: group.registrations, metadata: group.metadata, middleware: group.middleware)
    }

    /// Throws the first configuration error met while routes were registered (an invalid
    /// pattern, or metadata a key refused to combine), naming its method and pattern.
    /// `Server.run()` and `testClient()` call this too, so a misconfigured router never serves.
    ///
    /// ```swift
    /// try router.validate()   // e.g. "GET /files/**/x: `**` must be the last segment of a pattern."
    /// ```
    public func validate() throws(RouteConfigurationError) {
        if let first = registrations.errors.first { throw first }
    }

    /// Every route that will be served, in registration order, with its full pattern (group
    /// prefixes included) and its combined metadata. Routes refused by `validate()` are absent.
    ///
    /// ```swift
    /// for route in router.registeredRoutes { print(route.method, route.pattern) }
    /// ```
    public var registeredRoutes: [RouteDescription] {
        registrations.routes.map { RouteDescription(method: $0.method, pattern: $0.pattern, metadata: $0.metadata) }
    }

    /// Compiles the routes into a matching table and returns the function that answers requests
    /// (route lookup, then middleware, then the handler).
    func makeResponder() -> RouteHandler<Context> {
        let table = RouteTable(registrations.routes)
        let terminal: RouteHandler<Context> = { request, context in
            if let index = context.coreContext.routeIndex {
                return try await table.handler(at: index)(request, context)
            }
            let allowed = table.allowedMethods(path: request.path)
            if allowed.isEmpty {
                return .problem(.notFound, detail: "No route matches this path.")
            }
            var headers = HTTPHeaders()
            headers.add(name: "Allow", value: allowed.map(\.rawValue).joined(separator: ", "))
            return .problem(.methodNotAllowed, detail: "This path does not support \(request.method.rawValue).", headers: headers)
        }
        let chained = chain(middleware, around: terminal)
        return { request, context in
            var context = context
            table.resolve(request.method, path: request.path, into: &context.coreContext)
            return try await chained(request, context)
        }
    }
}

extension CoreRequestContext {
    /// Set by the router: index of the matched route in its table.
    var routeIndex: Int? {
        get { route?.tableIndex }
    }
}
