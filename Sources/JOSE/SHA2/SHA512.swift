/// SHA-512 (FIPS 180-4 §6.4): 64-byte digests over 128-byte blocks. Used by RS512, PS512 and HS512.
///
/// ```swift
/// let digest = SHA512.hash("abc".utf8)                 // ddaf35a1…a54ca49f
/// ```
public struct SHA512: HashFunction {
    /// 64 bytes.
    public static var digestByteCount: Int { 64 }
    /// 128 bytes.
    public static var blockByteCount: Int { SHA512Engine.blockByteCount }

    var engine: SHA512Engine

    /// A hasher that has absorbed nothing.
    public init() {
        // The first 64 bits of the fractional parts of the square roots of the first 8 primes.
        engine = SHA512Engine(initialState: .init(
            h0: 0x6a09e667f3bcc908, h1: 0xbb67ae8584caa73b, h2: 0x3c6ef372fe94f82b, h3: 0xa54ff53a5f1d36f1,
            h4: 0x510e527fade682d1, h5: 0x9b05688c2b3e6c1f, h6: 0x1f83d9abfb41bd6b, h7: 0x5be0cd19137e2179))
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.update(bytes)
    }

    /// The digest of everything absorbed so far (the value itself is left unchanged).
    public func finalize() -> [UInt8] {
        engine.finalize(digestByteCount: Self.digestByteCount)
    }
}
