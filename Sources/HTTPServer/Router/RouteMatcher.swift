/// Matches a method and path against a table of patterns with exactly the router's semantics:
/// literal segments compared byte for byte, `:name`, `*`, a trailing `**`, the same priority
/// (literal, parameter, `*`, `**`) and backtracking, and `HEAD` falling back to `GET` rules.
/// Use it for rules loaded at run time (for example access rules from a JSON file), so a rule
/// and the route it guards can never disagree about which paths they cover.
///
/// A rule with a `nil` method matches any method. When several rules match, the path priority
/// decides first; among rules on the same pattern, the first one in the list wins.
///
/// ```swift
/// let rules = try RouteMatcher<String>([
///     (method: .get, pattern: "/api/items/:id", value: "Reader"),
///     (method: nil, pattern: "/api/admin/**", value: "DoAll"),
/// ])
/// rules.match(.get, path: "/api/items/7")           // ("Reader", "/api/items/:id")
/// rules.match(.delete, path: "/api/admin/cache/x")  // ("DoAll", "/api/admin/**")
/// rules.match(.post, path: "/api/items/7")          // nil
/// ```
///
/// Pass the request's decoded `path` (`request.path`), as the router does.
public struct RouteMatcher<Value: Sendable>: Sendable {
    private let trie: RouteTrie
    private let entries: [(pattern: String, value: Value)]

    /// A matcher for `rules`; throws `RouteConfigurationError` (`.invalidPattern`, naming the
    /// rule's method and pattern) for the first invalid pattern.
    public init(_ rules: [(method: HTTPMethod?, pattern: String, value: Value)]) throws(RouteConfigurationError) {
        var trie = RouteTrie()
        var entries: [(pattern: String, value: Value)] = []
        entries.reserveCapacity(rules.count)
        for rule in rules {
            let parsed: RoutePattern
            do {
                parsed = try RoutePattern(rule.pattern)
            } catch {
                throw error.located(method: rule.method, pattern: rule.pattern)
            }
            trie.insert(method: rule.method, pattern: parsed)
            entries.append((rule.pattern, rule.value))
        }
        self.trie = trie
        self.entries = entries
    }

    /// The value and pattern of the rule that applies to `method` and `path`, or `nil`.
    public func match(_ method: HTTPMethod, path: String) -> (value: Value, pattern: String)? {
        guard let (index, _) = trie.match(method, path: path) else { return nil }
        let entry = entries[index]
        return (entry.value, entry.pattern)
    }
}
