/// A cryptographic hash function that can be fed incrementally (streaming) or used one-shot.
///
/// Conforming types are small value types: copying one forks the computation, which is how
/// ``HMAC`` reuses a keyed prefix and how ``finalize()`` leaves the value untouched.
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))          // one-shot
///
/// var hasher = SHA256()                                 // streaming
/// hasher.update(Array("a".utf8))
/// hasher.update(Array("bc".utf8))
/// assert(hasher.finalize() == digest)
/// ```
public protocol HashFunction: Sendable {
    /// The length of a digest in bytes (32 for SHA-256).
    static var digestByteCount: Int { get }
    /// The length of one input block in bytes (64 for SHA-256, 128 for SHA-384/512); HMAC pads keys to it.
    static var blockByteCount: Int { get }
    /// A hasher that has absorbed no input yet.
    init()
    /// Absorbs `bytes`. Any number of calls with any lengths gives the same digest as one call
    /// with their concatenation.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// The digest of everything absorbed so far. Does not change the value, so more input may
    /// follow and `finalize()` may be called again for the longer message.
    func finalize() -> [UInt8]
}

extension HashFunction {
    /// Absorbs the bytes of any collection (`[UInt8]`, `ArraySlice<UInt8>`, `String.UTF8View`, …).
    /// Contiguous collections are hashed in place; others are copied once.
    @inlinable
    public mutating func update(_ bytes: some Collection<UInt8>) {
        withContiguousBytes(of: bytes) { self.update($0) }
    }

    /// The digest of `bytes` in one call.
    ///
    /// ```swift
    /// let digest = SHA512.hash("hello".utf8)
    /// ```
    @inlinable
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: bytes) { hash($0) }
    }

    /// The digest of the bytes in `bytes` in one call (no copy).
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
