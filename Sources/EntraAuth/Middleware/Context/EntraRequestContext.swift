public import EntraAuthCore
public import HTTPServer

/// A request context that carries the caller's validated identity, filled in by
/// ``EntraAuthentication`` before the handler runs.
///
/// ```swift
/// struct AppContext: EntraRequestContext {
///     var coreContext: CoreRequestContext
///     var identity: EntraIdentity?
///     init(source: RequestContextSource) { coreContext = CoreRequestContext(source: source) }
/// }
/// var router = Router(context: AppContext.self)
/// ```
///
/// Or use ``EntraAuthRequestContext``, which is exactly that.
public protocol EntraRequestContext: RequestContext {
    /// The validated caller; `nil` on anonymous routes.
    var identity: EntraIdentity? { get set }
}

extension EntraRequestContext {
    /// The validated caller. On a protected route it is always there; on an anonymous route
    /// this throws a 401 problem.
    ///
    /// ```swift
    /// router.get("/api/claims") { _, context in .claims(try context.requireIdentity()) }
    /// ```
    public func requireIdentity() throws(EntraAuthRefusal) -> EntraIdentity {
        guard let identity else {
            throw EntraAuthRefusal(EntraAuthError(.missingToken, "this route needs an authenticated caller"), realm: "api")
        }
        return identity
    }
}

/// The ready-made context for apps that need nothing else: the core fields and the identity.
public struct EntraAuthRequestContext: EntraRequestContext {
    /// The fields every context carries.
    public var coreContext: CoreRequestContext
    /// The validated caller; `nil` on anonymous routes.
    public var identity: EntraIdentity?

    /// A context for a new request.
    public init(source: RequestContextSource) {
        coreContext = CoreRequestContext(source: source)
    }
}
