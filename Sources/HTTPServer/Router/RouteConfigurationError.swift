/// A mistake in the routes a program registered, found while the router is built: a pattern the
/// router cannot match, or route metadata whose key refuses to combine a group's value with a
/// route's.
///
/// Registration (`on`, `get`, `group` …) never throws; the router collects these errors and
/// reports the first one from ``Router/validate()``, from `Server.run()` (before binding) and from
/// ``Router/testClient(logger:remoteAddress:limits:)``, so a misconfigured program fails at start-up.
///
/// ```swift
/// var router = Router()
/// router.get("/files/**/edit") { _, _ in .text("?") }
/// do {
///     try router.validate()
/// } catch {
///     print(error.reason)       // invalidPattern
///     print(error)              // GET /files/**/edit: `**` must be the last segment of a pattern.
/// }
/// ```
public struct RouteConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable cause.
    public enum Reason: String, Sendable, CaseIterable {
        /// The pattern does not start with `/`, has an empty segment (`/a//b`), a parameter without
        /// a name (`/:`), or a `**` that is not the last segment.
        case invalidPattern
        /// A `RouteMetadataKey`'s `combine(group:route:)` refused the group's and the route's
        /// values (for example an anonymous route inside a protected group).
        case conflictingMetadata
    }

    /// Why the configuration was refused.
    public var reason: Reason
    /// The method of the offending route or rule (`nil` for a rule that matches any method, or
    /// when not yet known, inside `combine`).
    public var method: HTTPMethod?
    /// The offending pattern, as registered (with its group prefixes); empty when not yet known.
    public var pattern: String
    /// One sentence for people.
    public var detail: String

    /// An error for `reason`. Inside `RouteMetadataKey.combine(group:route:)` leave `method` and
    /// `pattern` out: the router fills them in.
    ///
    /// ```swift
    /// throw RouteConfigurationError(.conflictingMetadata, "An anonymous route cannot sit in a protected group.")
    /// ```
    public init(_ reason: Reason, _ detail: String, method: HTTPMethod? = nil, pattern: String = "") {
        self.reason = reason
        self.detail = detail
        self.method = method
        self.pattern = pattern
    }

    /// `GET /api/items: detail`.
    public var description: String {
        "\(method?.rawValue ?? "*") \(pattern): \(detail)"
    }

    /// The same error naming `method` and `pattern`.
    func located(method: HTTPMethod?, pattern: String) -> RouteConfigurationError {
        var copy = self
        copy.method = method
        copy.pattern = pattern
        return copy
    }
}
