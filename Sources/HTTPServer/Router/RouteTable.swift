/// The compiled routing table: the (non-generic) segment trie plus the routes it indexes.
struct RouteTable<Context: RequestContext>: Sendable {
    private var trie = RouteTrie()
    private var routes: [RouteDefinition<Context>] = []

    /// A table of `definitions` (already validated: each carries its parsed pattern).
    init(_ definitions: [RouteDefinition<Context>]) {
        for definition in definitions {
            trie.insert(method: definition.method, pattern: definition.parsedPattern)
            routes.append(definition)
        }
    }

    func handler(at index: Int) -> RouteHandler<Context> { routes[index].handler }

    /// Finds the route for `method` and `path` and records it (with its parameters) in `core`.
    /// `HEAD` falls back to the `GET` route.
    func resolve(_ method: HTTPMethod, path: String, into core: inout CoreRequestContext) {
        guard let (index, parameters) = trie.match(method, path: path) else { return }
        let route = routes[index]
        core.parameters = parameters
        core.route = MatchedRoute(pattern: route.pattern, method: route.method, metadata: route.metadata, tableIndex: index)
    }

    func allowedMethods(path: String) -> [HTTPMethod] { trie.allowedMethods(path: path) }
}
