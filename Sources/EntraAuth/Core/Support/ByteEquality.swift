import JOSE

/// Whether two strings are the same UTF-8 bytes.
///
/// Swift's `String ==` compares by Unicode canonical equivalence: `"\u{212A}"` (Kelvin sign)
/// equals `"K"`, and normalising a long run of combining marks costs time quadratic in its
/// length. Token values (issuers, audiences, roles, kids) are protocol bytes (RFC 8259 §8.3),
/// so they are compared byte for byte everywhere in EntraAuth.
///
/// It is JOSE's `isExactly`: contiguous UTF-8 storage compared with `memcmp` (lengths first) —
/// the token cache compares whole tokens (1–2 KB) on every hit, where walking `String.UTF8View`
/// one index at a time cost about 50 instructions a byte. It stops at the first difference and
/// is not meant to be constant-time.
@inline(__always)
func bytesEqual(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    lhs.isExactly(rhs)
}

extension Sequence where Element: StringProtocol {
    /// Whether any element is byte-for-byte `value`.
    func containsBytes(of value: some StringProtocol) -> Bool {
        contains { bytesEqual($0, value) }
    }
}
