/// The Merkle–Damgård buffering SHA-256 and SHA-512 share: input is gathered into whole
/// blocks, which are compressed straight from the caller's memory whenever possible, and at most
/// one partial block is kept inline. Conformers supply the chaining state, the inline block and
/// the compression function; ``absorb(_:)`` does the rest.
protocol BlockBufferedHash {
    associatedtype State
    /// One block held inline (a tuple of words), so hashing never touches the heap.
    associatedtype BlockBuffer

    /// The block size in bytes, a power of two.
    static var blockByteCount: Int { get }

    /// The chaining words.
    var state: State { get set }
    /// Input not yet compressed: the first `bufferedByteCount` bytes of one block.
    var buffer: BlockBuffer { get set }
    /// How many bytes of `buffer` are in use, always below `blockByteCount`.
    var bufferedByteCount: Int { get set }
    /// Total number of bytes absorbed, for the length field of the padding.
    var totalByteCount: UInt64 { get set }

    /// Compresses whole blocks (`blocks.count` is a multiple of `blockByteCount`) into `state`.
    static func compress(_ state: inout State, blocks: UnsafeRawBufferPointer)
}

extension BlockBufferedHash {
    /// Absorbs `bytes`: tops up the partial block, compresses every whole block in place, and
    /// keeps the tail for later.
    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        var input = bytes
        guard !input.isEmpty else { return }
        totalByteCount &+= UInt64(input.count)

        if bufferedByteCount > 0 {
            let taken = min(Self.blockByteCount - bufferedByteCount, input.count)
            let offset = bufferedByteCount
            withUnsafeMutableBytes(of: &buffer) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[offset..<offset + taken])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: input[0..<taken]))
            }
            bufferedByteCount += taken
            input = UnsafeRawBufferPointer(rebasing: input[taken...])
            guard bufferedByteCount == Self.blockByteCount else { return }
            let block = buffer
            withUnsafeBytes(of: block) { Self.compress(&state, blocks: $0) }
            bufferedByteCount = 0
        }

        let wholeBlockBytes = input.count & ~(Self.blockByteCount - 1)
        if wholeBlockBytes > 0 {
            Self.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: input[0..<wholeBlockBytes]))
        }
        let tail = input.count - wholeBlockBytes
        if tail > 0 {
            withUnsafeMutableBytes(of: &buffer) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[0..<tail])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: input[wholeBlockBytes...]))
            }
            bufferedByteCount = tail
        }
    }
}
