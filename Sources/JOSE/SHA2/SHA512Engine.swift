/// The streaming machinery shared by SHA-384 and SHA-512 (FIPS 180-4 §6.4–6.5): 128-byte
/// blocks, 64-bit words, a 128-bit length field. The two differ only in the initial chaining
/// words and in how many output bytes they keep.
struct SHA512Engine: Sendable, BlockBufferedHash {
    static let blockByteCount = 128

    /// The eight 64-bit chaining words H0…H7.
    var state: State
    /// Input not yet compressed: the first `bufferedByteCount` bytes of one block.
    var buffer: BlockBuffer
    /// How many bytes of `buffer` are in use, always below 128.
    var bufferedByteCount: Int
    /// Total number of bytes absorbed, for the length field of the padding.
    var totalByteCount: UInt64

    init(initialState: State) {
        state = initialState
        buffer = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        bufferedByteCount = 0
        totalByteCount = 0
    }

    /// Absorbs `bytes`; whole blocks are compressed straight from the caller's memory.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        absorb(bytes)
    }

    /// The first `digestByteCount` bytes of the final chaining words (the value is unchanged).
    func finalize(digestByteCount: Int) -> [UInt8] {
        var state = self.state
        var block = buffer
        let used = bufferedByteCount
        // The 128-bit length in bits: the top three bits of the byte count spill into the high half.
        let bitLengthHigh = totalByteCount &>> 61
        let bitLengthLow = totalByteCount &<< 3
        withUnsafeMutableBytes(of: &block) { block in
            // Padding: one 1 bit, zeros, then the 128-bit big-endian message length in bits.
            block[used] = 0x80
            block[(used + 1)...].initializeMemory(as: UInt8.self, repeating: 0)
            if used >= Self.blockByteCount - 16 {
                Self.compress(&state, blocks: UnsafeRawBufferPointer(block))
                block.initializeMemory(as: UInt8.self, repeating: 0)
            }
            block.storeBytes(of: bitLengthHigh.bigEndian, toByteOffset: Self.blockByteCount - 16, as: UInt64.self)
            block.storeBytes(of: bitLengthLow.bigEndian, toByteOffset: Self.blockByteCount - 8, as: UInt64.self)
            Self.compress(&state, blocks: UnsafeRawBufferPointer(block))
        }
        return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { full in
            state.store(into: full)
            return Array(UnsafeRawBufferPointer(rebasing: full[0..<digestByteCount]))
        }
    }
}

extension SHA512Engine {
    /// The chaining words H0…H7 of FIPS 180-4 §6.4.
    struct State: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

        /// Writes the words big-endian into the first 64 bytes of `bytes`.
        func store(into bytes: UnsafeMutableRawBufferPointer) {
            bytes.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: h1.bigEndian, toByteOffset: 8, as: UInt64.self)
            bytes.storeBytes(of: h2.bigEndian, toByteOffset: 16, as: UInt64.self)
            bytes.storeBytes(of: h3.bigEndian, toByteOffset: 24, as: UInt64.self)
            bytes.storeBytes(of: h4.bigEndian, toByteOffset: 32, as: UInt64.self)
            bytes.storeBytes(of: h5.bigEndian, toByteOffset: 40, as: UInt64.self)
            bytes.storeBytes(of: h6.bigEndian, toByteOffset: 48, as: UInt64.self)
            bytes.storeBytes(of: h7.bigEndian, toByteOffset: 56, as: UInt64.self)
        }
    }

    /// One 128-byte block held inline (sixteen words), so a hasher never touches the heap.
    typealias BlockBuffer = (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    )
}
