/// The SHA-2 digests JWS uses, as a value: RS256, PS256, ES256 and HS256 map to ``sha256``;
/// the 384 and 512 variants to ``sha384`` and ``sha512``. The raw value is the FIPS name.
///
/// ```swift
/// let digest = DigestAlgorithm.sha256.hash(signingInput.utf8)
/// let tag = DigestAlgorithm.sha512.authenticationCode(for: signingInput.utf8, key: secret)
/// DigestAlgorithm(rawValue: "SHA-384")   // .sha384
/// ```
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    /// The digest length in bytes: 32, 48 or 64.
    public var digestByteCount: Int {
        switch self {
        case .sha256: SHA256.digestByteCount
        case .sha384: SHA384.digestByteCount
        case .sha512: SHA512.digestByteCount
        }
    }

    /// The block length in bytes: 64 for SHA-256, 128 for SHA-384 and SHA-512.
    public var blockByteCount: Int {
        switch self {
        case .sha256: SHA256.blockByteCount
        case .sha384: SHA384.blockByteCount
        case .sha512: SHA512.blockByteCount
        }
    }

    /// The digest of `bytes`.
    @inlinable
    public func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: bytes) { hash($0) }
    }

    /// The digest of the bytes in `bytes` (no copy).
    public func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        switch self {
        case .sha256: SHA256.hash(bytes)
        case .sha384: SHA384.hash(bytes)
        case .sha512: SHA512.hash(bytes)
        }
    }

    /// The HMAC (RFC 2104) of `message` under `key` with this digest.
    @inlinable
    public func authenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        withContiguousBytes(of: message) { message in
            withContiguousBytes(of: key) { key in authenticationCode(for: message, key: key) }
        }
    }

    /// The HMAC (RFC 2104) of the bytes in `message` under the key in `key` with this digest.
    public func authenticationCode(for message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8] {
        switch self {
        case .sha256: HMAC<SHA256>.authenticationCode(for: message, key: key)
        case .sha384: HMAC<SHA384>.authenticationCode(for: message, key: key)
        case .sha512: HMAC<SHA512>.authenticationCode(for: message, key: key)
        }
    }

    /// Whether `code` is the full-length HMAC of `message` under `key` with this digest,
    /// compared in constant time. A truncated or over-long `code` is refused.
    ///
    /// ```swift
    /// let ok = DigestAlgorithm.sha256.isValidAuthenticationCode(signature, for: signingInput, key: secret)
    /// ```
    @inlinable
    public func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> Bool {
        withContiguousBytes(of: code) { code in
            withContiguousBytes(of: message) { message in
                withContiguousBytes(of: key) { key in isValidAuthenticationCode(code, for: message, key: key) }
            }
        }
    }

    /// Whether the bytes in `code` are the full-length HMAC of `message` under `key`,
    /// with the same full-length, constant-time comparison as the collection overload.
    public func isValidAuthenticationCode(
        _ code: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer
    ) -> Bool {
        switch self {
        case .sha256: HMAC<SHA256>.isValidAuthenticationCode(code, for: message, key: key)
        case .sha384: HMAC<SHA384>.isValidAuthenticationCode(code, for: message, key: key)
        case .sha512: HMAC<SHA512>.isValidAuthenticationCode(code, for: message, key: key)
        }
    }
}
