/// SHA-256 (FIPS 180-4 §6.2): 32-byte digests over 64-byte blocks. Used by RS256, PS256, ES256
/// and HS256.
///
/// ```swift
/// let digest = SHA256.hash("abc".utf8)                 // ba7816bf…f20015ad
///
/// var hasher = SHA256()
/// hasher.update(headerBytes)
/// hasher.update(payloadBytes)
/// let sameDigest = hasher.finalize()
/// ```
///
/// The value holds the chaining state and at most one partial block inline, so hashing never
/// allocates except for the returned digest.
public struct SHA256: HashFunction, BlockBufferedHash {
    /// 32 bytes.
    public static var digestByteCount: Int { 32 }
    /// 64 bytes.
    public static var blockByteCount: Int { 64 }

    /// The eight 32-bit chaining words H0…H7.
    var state: State
    /// Input not yet compressed: the first `bufferedByteCount` bytes of one block.
    var buffer: BlockBuffer
    /// How many bytes of `buffer` are in use, always below 64.
    var bufferedByteCount: Int
    /// Total number of bytes absorbed, for the length field of the padding.
    var totalByteCount: UInt64

    /// A hasher that has absorbed nothing.
    public init() {
        state = State(
            h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
            h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)
        buffer = (0, 0, 0, 0, 0, 0, 0, 0)
        bufferedByteCount = 0
        totalByteCount = 0
    }

    /// Absorbs `bytes`; whole blocks are compressed straight from the caller's memory.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        absorb(bytes)
    }

    /// The digest of everything absorbed so far (the value itself is left unchanged).
    public func finalize() -> [UInt8] {
        var state = self.state
        var block = buffer
        let used = bufferedByteCount
        let bitLength = totalByteCount &<< 3
        withUnsafeMutableBytes(of: &block) { block in
            // Padding: one 1 bit, zeros, then the 64-bit big-endian message length in bits.
            block[used] = 0x80
            block[(used + 1)...].initializeMemory(as: UInt8.self, repeating: 0)
            if used >= Self.blockByteCount - 8 {
                Self.compress(&state, blocks: UnsafeRawBufferPointer(block))
                block.initializeMemory(as: UInt8.self, repeating: 0)
            }
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: Self.blockByteCount - 8, as: UInt64.self)
            Self.compress(&state, blocks: UnsafeRawBufferPointer(block))
        }
        return [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { digest, count in
            state.store(into: UnsafeMutableRawBufferPointer(digest))
            count = Self.digestByteCount
        }
    }
}

extension SHA256 {
    /// The chaining words H0…H7 of FIPS 180-4 §6.2.
    struct State: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

        /// Writes the words big-endian into the first 32 bytes of `bytes`.
        func store(into bytes: UnsafeMutableRawBufferPointer) {
            bytes.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            bytes.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            bytes.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            bytes.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            bytes.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            bytes.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            bytes.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            bytes.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
        }
    }

    /// One 64-byte block held inline (eight words), so a hasher never touches the heap.
    typealias BlockBuffer = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
}
