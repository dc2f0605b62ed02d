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
    public init(key: some Collection<UInt8>) {
        let blockByteCount = H.blockByteCount
        var inner = H()
        var outer = H()
        withUnsafeTemporaryAllocation(byteCount: blockByteCount, alignment: 8) { pad in
            pad.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockByteCount {
                let hashedKey = H.hash(key)
                pad.copyBytes(from: hashedKey)
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
    public mutating func update(_ bytes: some Collection<UInt8>) {
        inner.update(bytes)
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
    public static func authenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        var mac = HMAC(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// Whether `code` is the authentication code of `message` under `key`.
    ///
    /// Full-length comparison in constant time; a truncated or over-long `code` is refused
    /// (only its length, which is public, affects the timing).
    public static func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> Bool {
        guard code.count == H.digestByteCount else { return false }
        return ConstantTime.equals(authenticationCode(for: message, key: key), code)
    }
}
