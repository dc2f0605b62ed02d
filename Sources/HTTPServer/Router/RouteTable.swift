/// The compiled routing table: the (non-generic) segment trie plus the handlers it indexes.
struct RouteTable<Context: RequestContext>: Sendable {
    private let trie: RouteTrie
    private let handlers: [RouteHandler<Context>]

    init(_ definitions: [RouteDefinition<Context>]) {
        trie = RouteTrie(definitions.map { RouteTrie.RouteInfo(method: $0.method, pattern: $0.pattern, metadata: $0.metadata) })
        handlers = definitions.map(\.handler)
    }

    func handler(at index: Int) -> RouteHandler<Context> { handlers[index] }

    func resolve(_ method: HTTPMethod, path: String, into core: inout CoreRequestContext) {
        trie.resolve(method, path: path, into: &core)
    }

    func allowedMethods(path: String) -> [HTTPMethod] { trie.allowedMethods(path: path) }
}

/// A segment trie stored in one array (nodes refer to children by index), so lookup walks the
/// path once with a dictionary probe per literal segment, no regex. Not generic, so lookups need
/// no runtime generic metadata.
struct RouteTrie: Sendable {
    struct RouteInfo: Sendable {
        var method: HTTPMethod
        var pattern: String
        var metadata: RouteMetadata
    }

    private struct Node: Sendable {
        var literals: [PathSegmentKey: Int] = [:]
        var parameter: (name: String, child: Int)?
        var anySegment: Int?
        /// Routes ending exactly at this node, by method (values index `routes`).
        var routes: [HTTPMethod: Int] = [:]
        /// Routes whose pattern ends with `**` after this node.
        var catchAll: [HTTPMethod: Int] = [:]
    }

    private var nodes: [Node] = [Node()]
    private var routes: [RouteInfo] = []

    init(_ definitions: [RouteInfo]) {
        for definition in definitions { insert(definition) }
    }

    private mutating func insert(_ definition: RouteInfo) {
        let routeIndex = routes.count
        routes.append(definition)
        var node = 0
        let segments = definition.pattern.split(separator: "/", omittingEmptySubsequences: true)
        for (position, segment) in segments.enumerated() {
            if segment == "**" && position == segments.count - 1 {
                if nodes[node].catchAll[definition.method] == nil { nodes[node].catchAll[definition.method] = routeIndex }
                return
            }
            let next: Int
            if segment == "*" {
                if let existing = nodes[node].anySegment {
                    next = existing
                } else {
                    next = newNode()
                    nodes[node].anySegment = next
                }
            } else if segment.hasPrefix(":") {
                if let existing = nodes[node].parameter {
                    next = existing.child   // the first registered name wins at a shared position
                } else {
                    next = newNode()
                    nodes[node].parameter = (String(segment.dropFirst()), next)
                }
            } else if let existing = nodes[node].literals[PathSegmentKey(segment)] {
                next = existing
            } else {
                next = newNode()
                nodes[node].literals[PathSegmentKey(segment)] = next
            }
            node = next
        }
        // The first registration of a method and pattern wins.
        if nodes[node].routes[definition.method] == nil { nodes[node].routes[definition.method] = routeIndex }
    }

    private mutating func newNode() -> Int {
        nodes.append(Node())
        return nodes.count - 1
    }

    /// Finds the route for `method` and `path` and records it (with its parameters) in `core`.
    /// `HEAD` falls back to the `GET` route.
    func resolve(_ method: HTTPMethod, path: String, into core: inout CoreRequestContext) {
        var parameters = RouteParameters()
        guard path.utf8.first == UInt8(ascii: "/") else { return }
        let start = Self.firstSegment(of: path)
        var found = find(path, from: start, node: 0, parameters: &parameters) { routes, catchAll in
            routes[method] ?? catchAll[method]
        }
        if found == nil, method == .head {
            found = find(path, from: start, node: 0, parameters: &parameters) { routes, catchAll in
                routes[.get] ?? catchAll[.get]
            }
        }
        guard let routeIndex = found else { return }
        let route = routes[routeIndex]
        core.parameters = parameters
        core.route = MatchedRoute(pattern: route.pattern, method: route.method, metadata: route.metadata, tableIndex: routeIndex)
    }

    /// Every method some route accepts for `path` (plus `HEAD` where `GET` is accepted), sorted.
    func allowedMethods(path: String) -> [HTTPMethod] {
        guard path.utf8.first == UInt8(ascii: "/") else { return [] }
        var methods = Set<HTTPMethod>()
        var parameters = RouteParameters()
        _ = find(path, from: Self.firstSegment(of: path), node: 0, parameters: &parameters) { routes, catchAll in
            methods.formUnion(routes.keys)
            methods.formUnion(catchAll.keys)
            return nil   // keep searching every branch
        }
        if methods.contains(.get) { methods.insert(.head) }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    /// Depth-first search in priority order (literal, parameter, `*`, `**`); `accept` picks a route
    /// from a candidate node's tables or returns nil to keep searching. `position` is the start of
    /// the next segment, or nil after the last one. Empty segments (`//`, a trailing `/`) match no
    /// pattern segment, so `/a/` and `//a` do not match `/a`.
    private func find(
        _ path: String, from position: String.Index?, node: Int, parameters: inout RouteParameters,
        accept: ([HTTPMethod: Int], [HTTPMethod: Int]) -> Int?
    ) -> Int? {
        let current = nodes[node]
        guard let position else { return accept(current.routes, [:]) }
        let segmentEnd = path.utf8[position...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
        let segment = path[position..<segmentEnd]
        let rest = segmentEnd == path.endIndex ? nil : path.index(after: segmentEnd)
        if let child = current.literals[PathSegmentKey(segment)],
            let found = find(path, from: rest, node: child, parameters: &parameters, accept: accept) {
            return found
        }
        guard !segment.isEmpty else { return nil }
        if let (name, child) = current.parameter {
            parameters.append(name: name, value: String(segment))
            if let found = find(path, from: rest, node: child, parameters: &parameters, accept: accept) { return found }
            parameters.removeLast(1)
        }
        if let child = current.anySegment {
            parameters.append(name: "*", value: String(segment))
            if let found = find(path, from: rest, node: child, parameters: &parameters, accept: accept) { return found }
            parameters.removeLast(1)
        }
        if !current.catchAll.isEmpty, let found = accept([:], current.catchAll) {
            parameters.catchAll = String(path[position...])
            return found
        }
        return nil
    }

    /// Where segment matching starts: nil for `/` (no segments), else just after the leading `/`.
    private static func firstSegment(of path: String) -> String.Index? {
        let afterSlash = path.index(after: path.startIndex)
        return afterSlash == path.endIndex ? nil : afterSlash
    }
}
