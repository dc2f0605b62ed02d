/// A JSON object as read by ``JSONReader``: members in document order, names unique.
///
/// Look-ups are linear, which beats hashing for the handful of members a JOSE header or a
/// token's claims carry. Names compare by their UTF-8 bytes (RFC 8259 §8.3), never by Swift's
/// Unicode canonical equivalence: `object["K1"]` does not find a member named `"\u{212A}1"`, and
/// a hostile name of thousands of combining marks costs one byte comparison, not a quadratic
/// normalization (see ``ExactString``).
///
/// ```swift
/// if let object = try JSONReader.parse(bytes).objectValue, let kid = object["kid"]?.stringValue { … }
/// for member in object { print(member.name, member.value.compactJSON) }
/// ```
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    /// One `"name": value` pair. Two members are equal when their names have the same UTF-8
    /// bytes and their values are equal.
    public struct Member: Sendable, Hashable {
        /// The member name (escapes resolved).
        public var name: String
        /// The member value.
        public var value: JSONValue

        /// A member.
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }

        /// Same name bytes and equal values.
        public static func == (lhs: Member, rhs: Member) -> Bool {
            lhs.name.isExactly(rhs.name) && lhs.value == rhs.value
        }

        /// Hashes the name's bytes and the value.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(ExactString(name))
            hasher.combine(value)
        }
    }

    /// The members in document order.
    public private(set) var members: [Member]

    /// An object with the given members, taken as they are: the caller guarantees unique names
    /// (use ``init(uniqueMembers:)`` when they might repeat).
    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// An object from `(name, value)` pairs, or `nil` when two pairs share a name (the same
    /// UTF-8 bytes).
    ///
    /// ```swift
    /// let claims = JSONObject(uniqueMembers: [("sub", .string("alice")), ("exp", .number(JSONNumber(1_700_000_000)))])
    /// ```
    public init?(uniqueMembers pairs: [(String, JSONValue)]) {
        var seen = Set<ExactString>()
        var members: [Member] = []
        members.reserveCapacity(pairs.count)
        for (name, value) in pairs {
            guard seen.insert(ExactString(name)).inserted else { return nil }
            members.append(Member(name: name, value: value))
        }
        self.members = members
    }

    /// The value of the member whose name has exactly the UTF-8 bytes of `name`, or `nil`
    /// when there is none.
    public subscript(name: String) -> JSONValue? {
        for member in members where member.name.isExactly(name) {
            return member.value
        }
        return nil
    }

    /// Whether a member whose name has exactly the UTF-8 bytes of `name` is present (even if its
    /// value is `null`).
    public func contains(name: String) -> Bool {
        members.contains { $0.name.isExactly(name) }
    }

    /// The member names in document order.
    public var names: [String] { members.map(\.name) }

    // MARK: RandomAccessCollection

    /// The first member's position.
    public var startIndex: Int { members.startIndex }
    /// One past the last member's position.
    public var endIndex: Int { members.endIndex }
    /// The member at `position`.
    public subscript(position: Int) -> Member { members[position] }
}
