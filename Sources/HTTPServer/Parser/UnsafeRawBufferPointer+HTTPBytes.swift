#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ASCII helpers on raw byte buffers that never allocate.
extension UnsafeRawBufferPointer {
    /// Whether these bytes equal `lowercase` ignoring ASCII case; `lowercase` must be lowercase ASCII.
    @inline(__always)
    func equalsCaseInsensitive(_ lowercase: StaticString) -> Bool {
        guard count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        for index in 0..<count {
            var byte = self[index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != expected[index] { return false }
        }
        return true
    }

    /// Whether these bytes equal `literal` exactly.
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for index in 0..<count where self[index] != expected[index] { return false }
        return true
    }

    /// The bytes with leading and trailing SP/HTAB removed (optional whitespace, RFC 9110 §5.6.3).
    @inline(__always)
    func trimmingOptionalWhitespace() -> UnsafeRawBufferPointer {
        var start = 0
        var end = count
        while start < end && (self[start] == UInt8(ascii: " ") || self[start] == UInt8(ascii: "\t")) { start += 1 }
        while end > start && (self[end - 1] == UInt8(ascii: " ") || self[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: self[start..<end])
    }

    /// A slice as its own buffer.
    @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[range])
    }

    /// The bytes as typed `UInt8` elements, so copies into arrays take the contiguous fast path.
    @inline(__always)
    var elements: UnsafeBufferPointer<UInt8> {
        guard let base = baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// The bytes decoded as UTF-8 (ill-formed sequences become U+FFFD).
    @inline(__always)
    var string: String { String(decoding: self, as: UTF8.self) }

    /// The index of the first `byte` at or after `start`, found with `memchr`.
    @inline(__always)
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
