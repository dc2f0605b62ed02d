/// Comparisons whose running time does not depend on the contents of secret data.
///
/// ```swift
/// if ConstantTime.equals(computedTag, receivedTag) { … }
/// ```
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. Collections of different lengths are unequal
    /// at once (lengths are public); equal-length ones are compared in full, with no early exit,
    /// so the time taken does not reveal where the first difference is.
    @inlinable
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        withContiguousBytes(of: a) { a in
            withContiguousBytes(of: b) { b in equals(a, b) }
        }
    }

    /// Whether the buffers hold the same bytes, with the same guarantees as the collection overload.
    public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<a.count {
            difference |= a[index] ^ b[index]
        }
        return isZero(difference)
    }

    /// Kept out of line so the optimiser cannot merge the final test into the loop above and
    /// turn it into an early exit.
    @inline(never)
    private static func isZero(_ value: UInt8) -> Bool {
        value == 0
    }
}
