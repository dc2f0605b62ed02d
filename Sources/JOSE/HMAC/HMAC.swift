/// HMAC (RFC 2104) over any ``HashFunction``: the MAC behind HS256, HS384 and HS512.
///
/// ```swift
/// let tag = HMAC<SHA256>.authenticationCode(for: signingInput.utf8, key: secret)
///
/// // Verification compares the full tag in constant time; a truncated tag is refused.
/// let ok = HMAC<SHA256>.isValidAuthenticationCode(receivedTag, for: signingInput.utf8, key: secret)
///
/// // Streaming:
/// var mac = HMAC<SHA256>(key: secret)
/// mac.update(header.utf8)
/// mac.update(".".utf8)
/// mac.update(payload.utf8)
/// let sameTag = mac.finalize()
/// ```
///
/// The value keeps two hashers already fed with the key XOR ipad and the key XOR opad blocks;
/// the key itself is not stored.
public struct HMAC<H: HashFunction>: Sendable {
    /// H(K ⊕ ipad ‖ …): receives the message.
    private var inner: H
    /// H(K ⊕ opad ‖ …): receives the inner digest in `finalize()`.
    private let outer: H

    /// Prepares a MAC for `key`. Keys longer than the hash's block are hashed first (RFC 2104 §2);
    /// any length, including empty, is accepted — policy on minimum key length belongs to the caller.
    @inlinable
    public init(key: some Collection<UInt8>) {
        self = withContiguousBytes(of: key) { HMAC(keyBytes: $0) }
    }

    /// Prepares a MAC for the key in `keyBytes`; see ``init(key:)``.
    public init(keyBytes key: UnsafeRawBufferPointer) {
        let blockByteCount = H.blockByteCount
        var inner = H()
        var outer = H()
        withUnsafeTemporaryAllocation(byteCount: blockByteCount, alignment: 8) { pad in
            pad.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockByteCount {
                pad.copyBytes(from: H.hash(key))
            } else {
                pad.copyBytes(from: key)
            }
            for index in pad.indices { pad[index] ^= 0x36 }
            inner.update(UnsafeRawBufferPointer(pad))
            for index in pad.indices { pad[index] ^= 0x36 ^ 0x5c }
            outer.update(UnsafeRawBufferPointer(pad))
            // Do not leave key-derived bytes on the stack longer than needed.
            pad.initializeMemory(as: UInt8.self, repeating: 0)
        }
        self.inner = inner
        self.outer = outer
    }

    /// Absorbs message bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// Absorbs the bytes of any collection (`[UInt8]`, `String.UTF8View`, …).
    @inlinable
    public mutating func update(_ bytes: some Collection<UInt8>) {
        withContiguousBytes(of: bytes) { update($0) }
    }

    /// The authentication code (as long as the hash's digest) of everything absorbed so far.
    /// The value itself is left unchanged.
    public func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = self.outer
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// The authentication code of `message` under `key`, in one call.
    @inlinable
    public static func authenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: message) { message in
            withContiguousBytes(of: key) { key in authenticationCode(for: message, key: key) }
        }
    }

    /// The authentication code of the bytes in `message` under the key in `key`.
    public static func authenticationCode(for message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8] {
        var mac = HMAC(keyBytes: key)
        mac.update(message)
        return mac.finalize()
    }

    /// Whether `code` is the authentication code of `message` under `key`.
    ///
    /// Full-length comparison in constant time; a truncated or over-long `code` is refused
    /// (only its length, which is public, affects the timing).
    @inlinable
    public static func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> Bool {
        withContiguousBytes(of: code) { code in
            withContiguousBytes(of: message) { message in
                withContiguousBytes(of: key) { key in isValidAuthenticationCode(code, for: message, key: key) }
            }
        }
    }

    /// Whether the bytes in `code` are the authentication code of `message` under `key`,
    /// with the same full-length, constant-time comparison as the collection overload.
    public static func isValidAuthenticationCode(
        _ code: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer
    ) -> Bool {
        guard code.count == H.digestByteCount else { return false }
        return authenticationCode(for: message, key: key).withUnsafeBytes { ConstantTime.equals($0, code) }
    }
}
