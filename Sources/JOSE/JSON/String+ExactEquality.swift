import Foundation

extension StringProtocol {
    /// Whether `self` and `other` have the same UTF-8 bytes (RFC 8259 §8.3).
    ///
    /// Unlike `==` (Unicode canonical equivalence) it never normalizes, so it costs at most one
    /// pass over the shorter string, whatever the attacker put in it, and it cannot match a
    /// different spelling (`"\u{212A}1"` is not `"K1"`).
    ///
    /// ```swift
    /// name.isExactly("alg")
    /// ```
    public func isExactly(_ other: some StringProtocol) -> Bool {
        let (left, right) = (utf8, other.utf8)
        guard left.count == right.count else { return false }
        // memcmp keeps debug builds fast too: the JSON reader's duplicate scan may compare up to
        // 32 long names pairwise, and a generic element loop costs ~50 ns a byte at -Onone.
        let compared: Bool? = left.withContiguousStorageIfAvailable { leftBytes in
            right.withContiguousStorageIfAvailable { rightBytes in
                guard let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress else { return true }
                return memcmp(leftBase, rightBase, leftBytes.count) == 0
            }
        } ?? nil
        return compared ?? left.elementsEqual(right)
    }

    /// Whether `self` equals `asciiLowercase` ignoring the case of ASCII letters only, byte by
    /// byte (for case-insensitive header values such as `cty` and the `none` check). Non-ASCII
    /// bytes must match exactly, so no Unicode case mapping or normalization runs.
    ///
    /// ```swift
    /// "Application/JWT".isASCIICaseInsensitivelyEqual(to: "application/jwt")   // true
    /// ```
    func isASCIICaseInsensitivelyEqual(to asciiLowercase: some StringProtocol) -> Bool {
        let (left, right) = (utf8, asciiLowercase.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { byte, expected in
            let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            return lowered == expected
        }
    }
}
