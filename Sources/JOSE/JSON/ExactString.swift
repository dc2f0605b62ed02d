/// A string that compares and hashes by its UTF-8 bytes — RFC 8259 §8.3's code-unit equality —
/// instead of Swift's Unicode canonical equivalence.
///
/// Swift's `String` `==`, `hash(into:)`, `Set<String>`, `Dictionary<String, …>` and `switch` on
/// strings normalize both sides first. That is looser than every other JOSE implementation
/// (`"\u{212A}1" == "K1"`, so a token could select a key whose `kid` differs from its own), and
/// it costs time quadratic in the length of a run of combining marks: canonical reordering of
/// 22,000 alternating U+0301 U+0316 in one header member name took about a CPU-second per
/// comparison. Wrapping attacker-controlled names and values in `ExactString` makes equality
/// and hashing linear and exact, which is what ``JSONObject``, ``JSONReader`` and ``JWKSet``
/// use internally. The same idea as the HTTP server's `PathSegmentKey`.
///
/// ```swift
/// ExactString("K1") == ExactString("\u{212A}1")   // false (Swift's == says true)
/// var byKeyID: [ExactString: JWK] = [:]
/// byKeyID[ExactString(jwk.keyID ?? "")] = jwk    // hashed over bytes, linear in the length
/// ```
public struct ExactString: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The wrapped string.
    public let string: String

    /// Wraps `string`.
    public init(_ string: String) {
        self.string = string
    }

    /// Wraps a literal.
    public init(stringLiteral value: String) {
        self.string = value
    }

    /// Whether the two strings have the same UTF-8 bytes.
    public static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        lhs.string.isExactly(rhs.string)
    }

    /// Hashes the UTF-8 bytes (linear in their count, no normalization).
    public func hash(into hasher: inout Hasher) {
        let utf8 = string.utf8
        hasher.combine(utf8.count)
        let hashed: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            Array(utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// The wrapped string itself.
    public var description: String { string }
}
