#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether two strings are the same UTF-8 bytes.
///
/// Swift's `String ==` compares by Unicode canonical equivalence: `"\u{212A}"` (Kelvin sign)
/// equals `"K"`, and normalising a long run of combining marks costs time quadratic in its
/// length. Token values (issuers, audiences, roles, kids) are protocol bytes (RFC 8259 §8.3),
/// so they are compared byte for byte everywhere in EntraAuth.
///
/// Native strings compare their contiguous UTF-8 storage with `memcmp` (lengths first): the
/// token cache compares whole tokens (1–2 KB) on every hit, where walking `String.UTF8View`
/// one index at a time cost about 50 instructions a byte. Like the byte walk it replaces, this
/// stops at the first difference; neither is meant to be constant-time.
@inline(__always)
func bytesEqual(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    let contiguous: Bool?? = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right in
            guard left.count == right.count else { return false }
            guard let a = left.baseAddress, let b = right.baseAddress, left.count > 0 else { return true }
            return memcmp(a, b, left.count) == 0
        }
    }
    if let contiguous, let equal = contiguous { return equal }
    return lhs.utf8.elementsEqual(rhs.utf8)
}

extension Sequence where Element: StringProtocol {
    /// Whether any element is byte-for-byte `value`.
    func containsBytes(of value: some StringProtocol) -> Bool {
        contains { bytesEqual($0, value) }
    }
}
