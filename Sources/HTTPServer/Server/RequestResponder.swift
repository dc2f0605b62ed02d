/// The step between a connection (or the test client) and the router: creates the request's
/// context and turns thrown errors into responses, so a responder never throws.
enum RequestResponder {
    /// Wraps `handler`: the context comes from `RequestContextSource(logger:remoteAddress:)`; an
    /// `HTTPResponseError` becomes its `response()`, any other error a logged, generic 500
    /// problem (the error itself is never sent to the client).
    static func make<Context: RequestContext>(
        handler: @escaping RouteHandler<Context>, logger: Logger
    ) -> @Sendable (HTTPRequest, SocketAddress?) async -> HTTPResponse {
        { request, peer in
            let context = Context(source: RequestContextSource(logger: logger, remoteAddress: peer))
            do {
                return try await handler(request, context)
            } catch let error as any HTTPResponseError {
                return error.response()
            } catch {
                logger.error("handler failed", ["method": request.method.rawValue, "path": request.path, "error": "\(error)"])
                return .problem(.internalServerError, detail: "The server could not complete the request.")
            }
        }
    }
}
