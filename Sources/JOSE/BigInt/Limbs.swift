/// Helpers for little-endian arrays of 64-bit limbs, the representation every big-number routine
/// in this folder uses: limb 0 holds the least significant 64 bits.
enum Limbs {
    /// Converts big-endian bytes (leading zero bytes allowed) into exactly `count` little-endian limbs.
    ///
    /// Returns `nil` when the value does not fit in `count` limbs.
    static func fromBigEndian(_ bytes: some Collection<UInt8>, count: Int) -> [UInt64]? {
        var limbs = [UInt64](repeating: 0, count: count)
        let fits = limbs.withUnsafeMutableBufferPointer { buffer in
            load(bigEndian: bytes, into: buffer.nonEmptyBase, count: count)
        }
        return fits ? limbs : nil
    }

    /// Writes big-endian `bytes` into `count` little-endian limbs at `destination`.
    ///
    /// Returns `false` (leaving `destination` partially written) when a non-zero byte falls
    /// beyond `count` limbs.
    static func load(
        bigEndian bytes: some Collection<UInt8>, into destination: UnsafeMutablePointer<UInt64>, count: Int
    ) -> Bool {
        destination.update(repeating: 0, count: count)
        var byteIndex = 0  // position counted from the least significant byte
        for byte in bytes.reversed() {
            let limb = byteIndex >> 3
            if limb >= count {
                if byte != 0 { return false }
            } else {
                destination[limb] |= UInt64(byte) << UInt64((byteIndex & 7) << 3)
            }
            byteIndex += 1
        }
        return true
    }

    /// Fast path of ``load(bigEndian:into:count:)`` for raw bytes that fit exactly:
    /// `bytes.count <= 8·count`. Eight bytes at a time.
    static func load(
        bigEndian bytes: UnsafeRawBufferPointer, into destination: UnsafeMutablePointer<UInt64>, count: Int
    ) {
        precondition(bytes.count <= 8 * count, "value wider than the destination")
        destination.update(repeating: 0, count: count)
        var end = bytes.count
        var limb = 0
        while end >= 8 {
            destination[limb] = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self))
            end -= 8
            limb += 1
        }
        var partial: UInt64 = 0
        for index in 0..<end { partial = (partial << 8) | UInt64(bytes[index]) }
        if end > 0 { destination[limb] = partial }
    }

    /// Writes the `count` limbs at `source` as exactly `byteCount` big-endian bytes (the value
    /// must fit; higher bytes are dropped).
    static func bigEndianBytes(_ source: UnsafePointer<UInt64>, count: Int, byteCount: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            for index in 0..<byteCount {
                let fromLeast = byteCount - 1 - index
                let limb = fromLeast >> 3
                buffer[index] = limb < count ? UInt8(truncatingIfNeeded: source[limb] >> UInt64((fromLeast & 7) << 3)) : 0
            }
            initialized = byteCount
        }
    }

    /// Compares two equally long limb arrays as numbers: -1, 0 or 1.
    static func compare(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int) -> Int {
        var index = count - 1
        while index >= 0 {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    /// Number of significant bits of a limb array (0 for zero).
    static func bitCount(_ limbs: UnsafePointer<UInt64>, count: Int) -> Int {
        var index = count - 1
        while index >= 0 {
            if limbs[index] != 0 { return index * 64 + (64 - limbs[index].leadingZeroBitCount) }
            index -= 1
        }
        return 0
    }
}
