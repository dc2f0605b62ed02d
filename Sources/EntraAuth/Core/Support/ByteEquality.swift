/// Whether two strings are the same UTF-8 bytes.
///
/// Swift's `String ==` compares by Unicode canonical equivalence: `"\u{212A}"` (Kelvin sign)
/// equals `"K"`, and normalising a long run of combining marks costs time quadratic in its
/// length. Token values (issuers, audiences, roles, kids) are protocol bytes (RFC 8259 §8.3),
/// so they are compared byte for byte everywhere in EntraAuth.
@inline(__always)
func bytesEqual(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    lhs.utf8.elementsEqual(rhs.utf8)
}

extension Sequence where Element: StringProtocol {
    /// Whether any element is byte-for-byte `value`.
    func containsBytes(of value: some StringProtocol) -> Bool {
        contains { bytesEqual($0, value) }
    }
}
