/// The typed, per-request value handed to middleware and handlers alongside the request.
///
/// Conform your own type to add fields that middleware fills in (the authentication middleware
/// adds the caller's identity this way). Only `init(source:)` and `coreContext` are required; the
/// common fields (`parameters`, `logger`, `route`, `remoteAddress`) come from `coreContext`.
///
/// ```swift
/// struct AppContext: RequestContext {
///     var coreContext: CoreRequestContext
///     var userID: String?
///     init(source: RequestContextSource) { coreContext = CoreRequestContext(source: source) }
/// }
/// var router = Router(context: AppContext.self)
/// ```
public protocol RequestContext: Sendable {
    /// Creates the context for a new request.
    init(source: RequestContextSource)
    /// The fields every context has.
    var coreContext: CoreRequestContext { get set }
}

/// What the server knows about a request's origin when it creates the context.
public struct RequestContextSource: Sendable {
    /// The server's logger.
    public var logger: Logger
    /// The client's address (for example `127.0.0.1:51234`), when known.
    public var remoteAddress: SocketAddress?

    /// A source with the server logger and the client address.
    public init(logger: Logger, remoteAddress: SocketAddress? = nil) {
        self.logger = logger
        self.remoteAddress = remoteAddress
    }
}

/// The fields every `RequestContext` carries.
public struct CoreRequestContext: Sendable {
    /// Values captured by `:name` and wildcard segments of the matched route.
    public var parameters: RouteParameters
    /// Logger for this request.
    public var logger: Logger
    /// The matched route (pattern and metadata), or `nil` when no route matched (404/405).
    public var route: MatchedRoute?
    /// The client's address, when known.
    public var remoteAddress: SocketAddress?

    /// Empty parameters, no route yet, the logger and address from `source`.
    public init(source: RequestContextSource) {
        self.parameters = RouteParameters()
        self.logger = source.logger
        self.route = nil
        self.remoteAddress = source.remoteAddress
    }
}

extension RequestContext {
    /// Values captured by the matched route's `:name`, `*` and `**` segments.
    public var parameters: RouteParameters {
        get { coreContext.parameters }
        set { coreContext.parameters = newValue }
    }

    /// Logger for this request.
    public var logger: Logger {
        get { coreContext.logger }
        set { coreContext.logger = newValue }
    }

    /// The matched route with its metadata; middleware reads per-route options here.
    public var route: MatchedRoute? { coreContext.route }

    /// The client's address, when known.
    public var remoteAddress: SocketAddress? { coreContext.remoteAddress }
}

/// The plain context: parameters, logger, route and remote address, nothing else.
///
/// ```swift
/// var router = Router(context: BasicRequestContext.self)
/// router.get("/items/:id") { _, context in .text(context.parameters["id"] ?? "") }
/// ```
public struct BasicRequestContext: RequestContext {
    /// The fields every context carries.
    public var coreContext: CoreRequestContext

    /// A context for a new request.
    public init(source: RequestContextSource) {
        coreContext = CoreRequestContext(source: source)
    }
}
