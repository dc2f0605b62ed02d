/// The matching engine shared by the router and ``RouteMatcher``: a segment trie stored in one
/// array (nodes refer to children by index), so lookup walks the path once with a dictionary
/// probe per literal segment, no regex. Not generic, so lookups need no runtime generic metadata.
///
/// Entries are numbered in insertion order; callers keep whatever each entry stands for (a
/// handler, a rule's value) in an array indexed the same way.
struct RouteTrie: Sendable {
    /// The entries that end at one place in the trie: by method, plus entries for any method.
    private struct Slots: Sendable {
        var byMethod: [HTTPMethod: Int] = [:]
        var anyMethod: Int?

        var isEmpty: Bool { byMethod.isEmpty && anyMethod == nil }

        /// The earliest entry that accepts `method`.
        func entry(for method: HTTPMethod) -> Int? {
            switch (byMethod[method], anyMethod) {
            case let (specific?, any?): min(specific, any)
            case let (specific, any): specific ?? any
            }
        }

        /// Records `index` unless an earlier entry already holds the slot (the first registration wins).
        mutating func insert(_ index: Int, method: HTTPMethod?) {
            if let method {
                if byMethod[method] == nil { byMethod[method] = index }
            } else if anyMethod == nil {
                anyMethod = index
            }
        }
    }

    private struct Node: Sendable {
        var literals: [PathSegmentKey: Int] = [:]
        var parameter: (name: String, child: Int)?
        var anySegment: Int?
        /// Entries whose pattern ends exactly at this node.
        var exact = Slots()
        /// Entries whose pattern ends with `**` after this node.
        var catchAll = Slots()
    }

    private var nodes: [Node] = [Node()]
    /// How many entries were inserted (the next entry's index).
    private(set) var count = 0

    /// An empty trie.
    init() {}

    /// Adds an entry for `method` (nil: any method) and `pattern`; returns its index.
    @discardableResult
    mutating func insert(method: HTTPMethod?, pattern: RoutePattern) -> Int {
        let index = count
        count += 1
        var node = 0
        for segment in pattern.segments {
            let next: Int
            switch segment {
            case .catchAll:
                nodes[node].catchAll.insert(index, method: method)
                return index
            case .anySegment:
                if let existing = nodes[node].anySegment {
                    next = existing
                } else {
                    next = newNode()
                    nodes[node].anySegment = next
                }
            case .parameter(let name):
                if let existing = nodes[node].parameter {
                    next = existing.child   // the first registered name wins at a shared position
                } else {
                    next = newNode()
                    nodes[node].parameter = (name, next)
                }
            case .literal(let literal):
                if let existing = nodes[node].literals[PathSegmentKey(literal)] {
                    next = existing
                } else {
                    next = newNode()
                    nodes[node].literals[PathSegmentKey(literal)] = next
                }
            }
            node = next
        }
        nodes[node].exact.insert(index, method: method)
        return index
    }

    private mutating func newNode() -> Int {
        nodes.append(Node())
        return nodes.count - 1
    }

    /// The entry for `method` and `path` with the values its pattern captured, searching in
    /// priority order (literal, parameter, `*`, `**`) with backtracking. `HEAD` falls back to
    /// the `GET` entry when no entry accepts `HEAD` itself.
    func match(_ method: HTTPMethod, path: String) -> (index: Int, parameters: RouteParameters)? {
        guard path.utf8.first == UInt8(ascii: "/") else { return nil }
        let start = Self.firstSegment(of: path)
        var parameters = RouteParameters()
        if let found = find(path, from: start, node: 0, parameters: &parameters, accept: { $0.entry(for: method) }) {
            return (found, parameters)
        }
        guard method == .head else { return nil }
        parameters = RouteParameters()
        if let found = find(path, from: start, node: 0, parameters: &parameters, accept: { $0.entry(for: .get) }) {
            return (found, parameters)
        }
        return nil
    }

    /// Every method some entry accepts for `path` (plus `HEAD` where `GET` is accepted), sorted.
    /// Entries for any method are not listed.
    func allowedMethods(path: String) -> [HTTPMethod] {
        guard path.utf8.first == UInt8(ascii: "/") else { return [] }
        var methods = Set<HTTPMethod>()
        var parameters = RouteParameters()
        _ = find(path, from: Self.firstSegment(of: path), node: 0, parameters: &parameters) { slots in
            methods.formUnion(slots.byMethod.keys)
            return nil   // keep searching every branch
        }
        if methods.contains(.get) { methods.insert(.head) }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    /// Depth-first search in priority order (literal, parameter, `*`, `**`); `accept` picks an
    /// entry from a candidate node's slots or returns nil to keep searching. `position` is the
    /// start of the next segment, or nil after the last one. Empty segments (`//`, a trailing `/`)
    /// match no pattern segment, so `/a/` and `//a` do not match `/a`.
    private func find(
        _ path: String, from position: String.Index?, node: Int, parameters: inout RouteParameters,
        accept: (Slots) -> Int?
    ) -> Int? {
        let current = nodes[node]
        guard let position else { return accept(current.exact) }
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
        if !current.catchAll.isEmpty, let found = accept(current.catchAll) {
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
