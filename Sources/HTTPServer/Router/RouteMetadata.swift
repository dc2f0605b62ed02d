/// A key for a typed value stored in `RouteMetadata`.
///
/// ```swift
/// enum AccessKey: RouteMetadataKey { static let defaultValue = AccessLevel.authenticated }
/// extension RouteMetadata {
///     var access: AccessLevel {
///         get { self[AccessKey.self] }
///         set { self[AccessKey.self] = newValue }
///     }
/// }
/// router.get("/healthz", metadata: RouteMetadata { $0.access = .anonymous }) { _, _ in .text("ok") }
/// // In a middleware: context.route?.metadata.access
/// ```
public protocol RouteMetadataKey {
    associatedtype Value: Sendable
    /// The value when a route did not set one.
    static var defaultValue: Value { get }
}

/// Per-route options that middleware can read from `context.route` before the handler runs
/// (the authentication middleware stores each route's access level here).
public struct RouteMetadata: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// Metadata with every key at its default.
    public init() {}

    /// Metadata built by `configure`.
    public init(_ configure: (inout RouteMetadata) -> Void) {
        configure(&self)
    }

    /// The value for `key`, or its default.
    public subscript<Key: RouteMetadataKey>(key: Key.Type) -> Key.Value {
        get { values[ObjectIdentifier(key)] as? Key.Value ?? Key.defaultValue }
        set { values[ObjectIdentifier(key)] = newValue }
    }

    /// Whether `key` was set explicitly.
    public func contains<Key: RouteMetadataKey>(_ key: Key.Type) -> Bool {
        values[ObjectIdentifier(key)] != nil
    }

    /// `other`'s values override this metadata's (a route's own values over its group's).
    func merging(_ other: RouteMetadata) -> RouteMetadata {
        var merged = self
        merged.values.merge(other.values) { _, new in new }
        return merged
    }
}

/// The route a request matched.
public struct MatchedRoute: Sendable {
    /// The registered pattern, for example `/items/:id` (useful for metrics without cardinality blow-up).
    public var pattern: String
    /// The route's method.
    public var method: HTTPMethod
    /// The route's options.
    public var metadata: RouteMetadata
    /// Index of the route in the router's compiled table.
    let tableIndex: Int
}
