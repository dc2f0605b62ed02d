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
    var routes: [RouteDefinition<Context>] = []
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
        routes.append(RouteDefinition(method: method, pattern: joinPaths("", path), metadata: metadata, handler: handler))
    }

    /// Adds routes sharing `prefix`, middleware and default metadata.
    public mutating func group(
        _ prefix: String, metadata: RouteMetadata = RouteMetadata(), _ configure: (inout RouteGroup<Context>) -> Void
    ) {
        var group = RouteGroup<Context>(prefix: joinPaths("", prefix), metadata: metadata)
        configure(&group)
        routes.append(contentsOf: group.finishedRoutes())
    }

    /// Compiles the routes into a matching table and returns the function that answers requests
    /// (route lookup, then middleware, then the handler).
    func makeResponder() -> RouteHandler<Context> {
        let table = RouteTable(routes)
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
