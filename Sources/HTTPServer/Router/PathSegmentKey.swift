/// A literal path segment compared and hashed by its UTF-8 bytes.
///
/// `Substring`'s own `==` and hashing follow Unicode canonical equivalence, so `"caf\u{E9}"` and
/// `"cafe\u{301}"` would be the same key: the router would send two different paths to one route
/// while anything comparing bytes (an access rule, a proxy, a log filter) tells them apart
/// (attacks.md B17). Paths are matched byte for byte everywhere in the server.
struct PathSegmentKey: Hashable, Sendable {
    let segment: Substring

    init(_ segment: Substring) {
        self.segment = segment
    }

    static func == (lhs: PathSegmentKey, rhs: PathSegmentKey) -> Bool {
        lhs.segment.utf8.elementsEqual(rhs.segment.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = segment.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            Array(segment.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
