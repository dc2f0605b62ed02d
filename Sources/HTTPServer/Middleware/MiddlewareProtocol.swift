/// A step between the server and the route handler that can inspect or change the request and
/// context, answer on its own, or change the response.
///
/// ```swift
/// struct RequireJSON<Context: RequestContext>: MiddlewareProtocol {
///     func handle(
///         _ request: HTTPRequest, context: Context,
///         next: (HTTPRequest, Context) async throws -> HTTPResponse
///     ) async throws -> HTTPResponse {
///         guard request.method != .post || request.headers["content-type"] == "application/json" else {
///             return .problem(HTTPStatus(code: 415), detail: "Send application/json.")
///         }
///         var response = try await next(request, context)
///         response.headers["X-Checked"] = "1"
///         return response
///     }
/// }
/// router.add(middleware: RequireJSON())
/// ```
public protocol MiddlewareProtocol<Context>: Sendable {
    associatedtype Context: RequestContext

    /// Handles `request`; call `next` to continue down the chain (possibly with a changed request
    /// or context), or return a response without calling it.
    func handle(
        _ request: HTTPRequest, context: Context,
        next: (HTTPRequest, Context) async throws -> HTTPResponse
    ) async throws -> HTTPResponse
}

/// A middleware written as a closure.
///
/// ```swift
/// router.add(middleware: MiddlewareClosure { request, context, next in
///     var response = try await next(request, context)
///     response.headers["Cache-Control"] = "no-store"
///     return response
/// })
/// ```
public struct MiddlewareClosure<Context: RequestContext>: MiddlewareProtocol {
    /// The closure: request, context and the rest of the chain.
    public typealias Body = @Sendable (
        HTTPRequest, Context, (HTTPRequest, Context) async throws -> HTTPResponse
    ) async throws -> HTTPResponse

    private let body: Body

    /// A middleware that runs `body`.
    public init(_ body: @escaping Body) { self.body = body }

    /// Runs the closure.
    public func handle(
        _ request: HTTPRequest, context: Context,
        next: (HTTPRequest, Context) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        try await body(request, context, next)
    }
}

/// A handler: turns a request and its context into a response.
public typealias RouteHandler<Context: RequestContext> = @Sendable (HTTPRequest, Context) async throws -> HTTPResponse

/// Wraps `handler` in `middleware`, the first element outermost.
func chain<Context: RequestContext>(
    _ middleware: [any MiddlewareProtocol<Context>], around handler: @escaping RouteHandler<Context>
) -> RouteHandler<Context> {
    middleware.reversed().reduce(handler) { next, step in
        { request, context in try await step.handle(request, context: context, next: next) }
    }
}
