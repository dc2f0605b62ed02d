import Synchronization

/// Successfully validated tokens, least recently used evicted first, bounded in count and bytes.
///
/// Keyed by the exact token bytes (hashed with Swift's per-process seeded hasher and compared
/// byte for byte), so a hit is the same token, not a look-alike. Each entry remembers when the
/// token stops being valid and which key-set version it was checked against; the validator
/// re-checks both on every hit.
final class ValidatedTokenCache: Sendable {
    struct Entry: Sendable {
        let identity: EntraIdentity
        /// `exp` in seconds since the epoch.
        let expires: Double
        /// `nbf` in seconds since the epoch, when present.
        let notBefore: Double?
        /// The key-set version the signature was last checked against.
        var keySetVersion: UInt64
    }

    /// The token bytes as a dictionary key: equality compares every byte; the hash covers the
    /// length and the last 64 bytes, which lie in the signature (random-looking, unique per token),
    /// so a hit costs one short SipHash instead of hashing 1–2 KB. Entries are only ever tokens
    /// that validated (signed by the issuer), so nobody can fill a bucket with chosen collisions,
    /// and the hasher's per-process seed keeps bucket choice unpredictable anyway.
    private struct Key: Hashable {
        let token: String
        static func == (lhs: Key, rhs: Key) -> Bool { bytesEqual(lhs.token, rhs.token) }
        func hash(into hasher: inout Hasher) {
            var token = token
            token.withUTF8 { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(64))))
            }
        }
    }

    private struct Node {
        var key: Key
        var entry: Entry?   // nil in a freed slot
        var cost: Int
        var newer: Int   // toward most recently used; -1 at the head
        var older: Int   // toward least recently used; -1 at the tail
    }

    private struct State {
        var index: [Key: Int] = [:]
        var nodes: [Node] = []
        var free: [Int] = []
        var newest = -1
        var oldest = -1
        var byteCount = 0
    }

    let limits: TokenCacheLimits
    private let state = Mutex(State())

    init(limits: TokenCacheLimits) {
        self.limits = limits
    }

    /// Accounted size of one entry.
    static func cost(tokenByteCount: Int) -> Int { 2 * tokenByteCount + 256 }

    /// The entry for `token`, marked most recently used.
    func lookup(_ token: String) -> Entry? {
        state.withLock { state in
            guard let position = state.index[Key(token: token)] else { return nil }
            Self.moveToFront(position, &state)
            return state.nodes[position].entry
        }
    }

    /// Records that the entry for `token` was re-checked against key-set `version`.
    func touch(_ token: String, keySetVersion version: UInt64) {
        state.withLock { state in
            guard let position = state.index[Key(token: token)] else { return }
            state.nodes[position].entry?.keySetVersion = version
        }
    }

    /// Stores `entry` for `token`, evicting least recently used entries to stay within limits.
    func insert(_ token: String, _ entry: Entry) {
        let cost = Self.cost(tokenByteCount: token.utf8.count)
        guard limits.isEnabled, cost <= limits.maximumByteCount else { return }
        state.withLock { state in
            let key = Key(token: token)
            if let existing = state.index[key] {
                state.nodes[existing].entry = entry
                Self.moveToFront(existing, &state)
                return
            }
            while state.oldest >= 0,
                  state.index.count >= limits.maximumEntryCount || state.byteCount + cost > limits.maximumByteCount {
                Self.remove(state.oldest, &state)
            }
            let node = Node(key: key, entry: entry, cost: cost, newer: -1, older: state.newest)
            let position: Int
            if let reused = state.free.popLast() {
                state.nodes[reused] = node
                position = reused
            } else {
                state.nodes.append(node)
                position = state.nodes.count - 1
            }
            if state.newest >= 0 { state.nodes[state.newest].newer = position }
            state.newest = position
            if state.oldest < 0 { state.oldest = position }
            state.index[key] = position
            state.byteCount += cost
        }
    }

    /// Forgets `token`.
    func remove(_ token: String) {
        state.withLock { state in
            if let position = state.index[Key(token: token)] { Self.remove(position, &state) }
        }
    }

    /// How many tokens and accounted bytes the cache holds.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.index.count, $0.byteCount) }
    }

    private static func unlink(_ position: Int, _ state: inout State) {
        let node = state.nodes[position]
        if node.newer >= 0 { state.nodes[node.newer].older = node.older } else { state.newest = node.older }
        if node.older >= 0 { state.nodes[node.older].newer = node.newer } else { state.oldest = node.newer }
    }

    private static func moveToFront(_ position: Int, _ state: inout State) {
        guard state.newest != position else { return }
        unlink(position, &state)
        state.nodes[position].older = state.newest
        state.nodes[position].newer = -1
        if state.newest >= 0 { state.nodes[state.newest].newer = position }
        state.newest = position
        if state.oldest < 0 { state.oldest = position }
    }

    private static func remove(_ position: Int, _ state: inout State) {
        unlink(position, &state)
        let node = state.nodes[position]
        state.index.removeValue(forKey: node.key)
        state.byteCount -= node.cost
        // Drop the token and identity now; the slot is reused by the next insert.
        state.nodes[position] = Node(key: Key(token: ""), entry: nil, cost: 0, newer: -1, older: -1)
        state.free.append(position)
    }
}
