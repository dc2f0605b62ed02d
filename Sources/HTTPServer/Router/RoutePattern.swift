/// A parsed route pattern: the segments the trie is built from, validated once.
///
/// Syntax: `/` then segments separated by `/`. A segment is a literal (compared byte for byte),
/// `:name` (one segment, captured), `*` (any one segment) or, last only, `**` (one or more
/// remaining segments). One trailing `/` is ignored (`/api/` is `/api`, so a group's `get("/")`
/// works); any other empty segment is an error.
struct RoutePattern: Sendable {
    enum Segment: Sendable {
        case literal(Substring)
        case parameter(String)
        case anySegment
        case catchAll
    }

    let segments: [Segment]

    /// Parses `pattern`; the error names neither method nor pattern yet (callers locate it).
    init(_ pattern: String) throws(RouteConfigurationError) {
        guard pattern.utf8.first == UInt8(ascii: "/") else {
            throw RouteConfigurationError(.invalidPattern, "A pattern must start with `/`.")
        }
        var body = pattern.dropFirst()
        if body.utf8.last == UInt8(ascii: "/") { body = body.dropLast() }
        guard !body.isEmpty else {
            segments = []
            return
        }
        let raw = body.split(separator: "/", omittingEmptySubsequences: false)
        var segments: [Segment] = []
        segments.reserveCapacity(raw.count)
        for (position, segment) in raw.enumerated() {
            if segment.isEmpty {
                throw RouteConfigurationError(.invalidPattern, "A pattern must not contain an empty segment (`//`).")
            } else if segment.utf8.elementsEqual("**".utf8) {
                guard position == raw.count - 1 else {
                    throw RouteConfigurationError(.invalidPattern, "`**` must be the last segment of a pattern.")
                }
                segments.append(.catchAll)
            } else if segment.utf8.elementsEqual("*".utf8) {
                segments.append(.anySegment)
            } else if segment.utf8.first == UInt8(ascii: ":") {
                guard segment.utf8.count > 1 else {
                    throw RouteConfigurationError(.invalidPattern, "A `:` parameter segment needs a name.")
                }
                segments.append(.parameter(String(segment.dropFirst())))
            } else {
                segments.append(.literal(segment))
            }
        }
        self.segments = segments
    }
}
