/// SHA-384 (FIPS 180-4 §6.5): SHA-512 with its own initial value, truncated to 48 bytes. Used by
/// RS384, PS384, ES384 and HS384.
///
/// ```swift
/// let digest = SHA384.hash("abc".utf8)                 // cb00753f…2358baeca134c825a7
/// ```
public struct SHA384: HashFunction {
    /// 48 bytes.
    public static var digestByteCount: Int { 48 }
    /// 128 bytes.
    public static var blockByteCount: Int { SHA512Engine.blockByteCount }

    var engine: SHA512Engine

    /// A hasher that has absorbed nothing.
    public init() {
        // The first 64 bits of the fractional parts of the square roots of the 9th to 16th primes.
        engine = SHA512Engine(initialState: .init(
            h0: 0xcbbb9d5dc1059ed8, h1: 0x629a292a367cd507, h2: 0x9159015a3070dd17, h3: 0x152fecd8f70e5939,
            h4: 0x67332667ffc00b31, h5: 0x8eb44a8768581511, h6: 0xdb0c2e0d64f98fa7, h7: 0x47b5481dbefa4fa4))
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
