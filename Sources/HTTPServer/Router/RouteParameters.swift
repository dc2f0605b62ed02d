/// Values captured from the request path by the matched route.
///
/// ```swift
/// router.get("/users/:user/files/**") { _, context in
///     .text("\(context.parameters["user"] ?? "") → \(context.parameters.catchAll ?? "")")
/// }
/// // GET /users/ada/files/a/b.txt → "ada → a/b.txt"
/// ```
public struct RouteParameters: Sendable, Hashable, Sequence {
    /// Captured `(name, value)` pairs in path order; `*` segments are captured under the name `*`.
    public private(set) var items: [Item]
    /// The path remainder matched by a trailing `**`, without its leading `/`.
    public internal(set) var catchAll: String?

    /// One captured value.
    public struct Item: Sendable, Hashable {
        /// The parameter name (`id` for `:id`, `*` for a `*` segment).
        public var name: String
        /// The path segment it matched (percent-decoded with the path).
        public var value: String
    }

    /// No parameters.
    public init() {
        items = []
        catchAll = nil
    }

    /// The value captured for `:name`.
    public subscript(name: String) -> String? {
        for item in items where item.name == name { return item.value }
        return nil
    }

    mutating func append(name: String, value: String) {
        items.append(Item(name: name, value: value))
    }

    mutating func removeLast(_ count: Int) {
        items.removeLast(count)
    }

    /// Iterates the captured items in path order.
    public func makeIterator() -> IndexingIterator<[Item]> { items.makeIterator() }
}
