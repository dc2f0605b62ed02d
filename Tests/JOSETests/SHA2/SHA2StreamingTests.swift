import Testing
import JOSE

/// Streaming, one-shot and the generic entry points must agree for every split of the input.
@Suite("SHA-2 streaming")
struct SHA2StreamingTests {
    /// A deterministic pseudo-random message (xorshift), long enough to span many blocks.
    static func message(count: Int) -> [UInt8] {
        var state: UInt32 = 0x9e37_79b9
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// Piece sizes around the block boundaries of both block sizes (64 and 128 bytes).
    static let pieceSizes = [1, 3, 7, 13, 55, 56, 57, 63, 64, 65, 111, 112, 113, 127, 128, 129, 200]

    static func streamed<H: HashFunction>(_: H.Type, _ message: [UInt8], pieces: [Int]) -> [UInt8] {
        var hasher = H()
        var offset = 0
        var pieceIndex = 0
        while offset < message.count {
            let size = min(pieces[pieceIndex % pieces.count], message.count - offset)
            message[offset..<offset + size].withUnsafeBytes { hasher.update($0) }
            offset += size
            pieceIndex += 1
        }
        return hasher.finalize()
    }

    static func checkAllSplits<H: HashFunction>(_ type: H.Type) {
        // Lengths around every padding edge: 55/56 (64-byte block), 111/112 (128-byte block), …
        for length in [0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 1000, 4099] {
            let message = message(count: length)
            let oneShot = H.hash(message)
            #expect(oneShot.count == H.digestByteCount)
            for size in pieceSizes {
                #expect(streamed(type, message, pieces: [size]) == oneShot, "\(H.self) length \(length) pieces \(size)")
            }
            #expect(streamed(type, message, pieces: pieceSizes) == oneShot, "\(H.self) length \(length) mixed pieces")
            #expect(message.withUnsafeBytes { H.hash($0) } == oneShot)
        }
    }

    @Test("odd-sized pieces give the one-shot digest")
    func oddPieces() {
        Self.checkAllSplits(SHA256.self)
        Self.checkAllSplits(SHA384.self)
        Self.checkAllSplits(SHA512.self)
    }

    @Test("finalize leaves the hasher usable for a longer message")
    func finalizeDoesNotMutate() {
        let message = Self.message(count: 300)
        var hasher = SHA256()
        hasher.update(message[..<100])
        let first = hasher.finalize()
        #expect(hasher.finalize() == first)
        #expect(first == SHA256.hash(message[..<100]))
        hasher.update(message[100...])
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test("non-contiguous collections hash like their bytes")
    func nonContiguousInput() {
        let message = Self.message(count: 777)
        let lazyCopy = message.lazy.map { $0 }          // not contiguous: takes the copying path
        let utf8 = String(decoding: Array(repeating: UInt8(ascii: "x"), count: 150), as: UTF8.self).utf8
        for algorithm in DigestAlgorithm.allCases {
            #expect(algorithm.hash(lazyCopy) == algorithm.hash(message))
            #expect(algorithm.hash(utf8) == algorithm.hash(Array(utf8)))
        }
    }

    @Test("DigestAlgorithm describes each hash")
    func digestAlgorithmProperties() {
        #expect(DigestAlgorithm.sha256.digestByteCount == 32 && DigestAlgorithm.sha256.blockByteCount == 64)
        #expect(DigestAlgorithm.sha384.digestByteCount == 48 && DigestAlgorithm.sha384.blockByteCount == 128)
        #expect(DigestAlgorithm.sha512.digestByteCount == 64 && DigestAlgorithm.sha512.blockByteCount == 128)
        #expect(DigestAlgorithm(rawValue: "SHA-384") == .sha384)
        let message = Self.message(count: 50)
        #expect(DigestAlgorithm.sha256.hash(message) == SHA256.hash(message))
        #expect(DigestAlgorithm.sha384.hash(message) == SHA384.hash(message))
        #expect(DigestAlgorithm.sha512.hash(message) == SHA512.hash(message))
        for algorithm in DigestAlgorithm.allCases {
            #expect(algorithm.hash(message).count == algorithm.digestByteCount)
        }
    }
}
