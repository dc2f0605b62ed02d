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
///
/// When a group and one of its routes (or a nested group) both set a key, the key's
/// `combine(group:route:)` decides the route's value; the default keeps the route's. A key that
/// must not be loosened by a route combines instead, or refuses:
///
/// ```swift
/// enum RolesKey: RouteMetadataKey {
///     static let defaultValue: Set<String> = []
///     // A route inside a group needs the group's roles and its own.
///     static func combine(group: Set<String>, route: Set<String>) throws(RouteConfigurationError) -> Set<String> {
///         group.union(route)
///     }
/// }
/// ```
public protocol RouteMetadataKey: SendableMetatype {
    associatedtype Value: Sendable
    /// The value when a route did not set one.
    static var defaultValue: Value { get }
    /// The value of a route that sets this key inside a group that sets it too (for nested
    /// groups, `route` is the inner group's value). Throw to refuse the combination: the router
    /// reports the error, naming the route, from `validate()`.
    static func combine(group: Value, route: Value) throws(RouteConfigurationError) -> Value
}

extension RouteMetadataKey {
    /// The route's value wins.
    public static func combine(group: Value, route: Value) throws(RouteConfigurationError) -> Value { route }
}

/// Per-route options that middleware can read from `context.route` before the handler runs
/// (the authentication middleware stores each route's access level here).
public struct RouteMetadata: Sendable {
    /// A stored value with its key's combination rule (captured when the value is set, so
    /// combining needs no knowledge of the key types).
    private struct Entry: Sendable {
        var value: any Sendable
        var combine: @Sendable (_ group: any Sendable, _ route: any Sendable) throws(RouteConfigurationError) -> any Sendable
    }

    private var values: [ObjectIdentifier: Entry] = [:]

    /// Metadata with every key at its default.
    public init() {}

    /// Metadata built by `configure`.
    public init(_ configure: (inout RouteMetadata) -> Void) {
        configure(&self)
    }

    /// The value for `key`, or its default.
    public subscript<Key: RouteMetadataKey>(key: Key.Type) -> Key.Value {
        get { values[ObjectIdentifier(key)]?.value as? Key.Value ?? Key.defaultValue }
        set {
            values[ObjectIdentifier(key)] = Entry(value: newValue) { group, route throws(RouteConfigurationError) in
                guard let group = group as? Key.Value, let route = route as? Key.Value else { return route }
                return try Key.combine(group: group, route: route)
            }
        }
    }

    /// Whether `key` was set explicitly.
    public func contains<Key: RouteMetadataKey>(_ key: Key.Type) -> Bool {
        values[ObjectIdentifier(key)] != nil
    }

    /// This (group) metadata combined with a route's (or nested group's): keys set on one side
    /// keep their value; keys set on both are decided by the key's `combine(group:route:)`.
    func combined(withRoute route: RouteMetadata) throws(RouteConfigurationError) -> RouteMetadata {
        var merged = self
        for (key, entry) in route.values {
            if let existing = merged.values[key] {
                let value = try entry.combine(existing.value, entry.value)
                merged.values[key] = Entry(value: value, combine: entry.combine)
            } else {
                merged.values[key] = entry
            }
        }
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
