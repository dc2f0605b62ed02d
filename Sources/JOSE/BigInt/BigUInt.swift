/// An arbitrary-precision unsigned integer for the development-only key generation and signing
/// code (prime search, CRT parameters, modular inverses).
///
/// It favours clarity over speed: values are normalised little-endian `[UInt64]` limbs and each
/// operation allocates its result. Verification never uses it; it runs on ``MontgomeryContext``.
///
/// ```swift
/// let p = BigUInt(bigEndian: pBytes)
/// let pMinusOne = p - BigUInt(1)
/// let dp = d % pMinusOne
/// ```
struct BigUInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Little-endian limbs with no most-significant zero limb (zero is the empty array).
    private(set) var limbs: [UInt64]

    /// Creates a value from little-endian limbs (high zero limbs are dropped).
    init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    /// Creates a value from a machine word.
    init(_ value: UInt64) {
        self.init(limbs: [value])
    }

    /// Creates a value from big-endian bytes (leading zero bytes allowed).
    init(bigEndian bytes: some Collection<UInt8>) {
        let count = (bytes.count + 7) / 8
        // A `count`-limb buffer always holds `bytes.count` bytes, so the conversion cannot fail.
        self.init(limbs: Limbs.fromBigEndian(bytes, count: max(count, 1)) ?? [])
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// Number of significant bits (0 for zero).
    var bitCount: Int {
        guard let last = limbs.last else { return 0 }
        return limbs.count * 64 - last.leadingZeroBitCount
    }

    /// Bit `index` (0 = least significant).
    func bit(_ index: Int) -> Bool {
        let limb = index / 64
        guard limb < limbs.count else { return false }
        return (limbs[limb] >> UInt64(index % 64)) & 1 == 1
    }

    /// The limbs zero-extended to exactly `count` limbs. - Precondition: the value fits.
    func limbs(paddedTo count: Int) -> [UInt64] {
        precondition(limbs.count <= count, "value does not fit in \(count) limbs")
        return limbs + [UInt64](repeating: 0, count: count - limbs.count)
    }

    /// Big-endian bytes without leading zeros (one zero byte for the value zero).
    var bigEndianBytes: [UInt8] {
        bigEndianBytes(count: max((bitCount + 7) / 8, 1))
    }

    /// Big-endian bytes left-padded to `count`. - Precondition: the value fits.
    func bigEndianBytes(count: Int) -> [UInt8] {
        precondition((bitCount + 7) / 8 <= count, "value does not fit in \(count) bytes")
        return limbs.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [UInt8](repeating: 0, count: count) }
            return Limbs.bigEndianBytes(base, count: buffer.count, byteCount: count)
        }
    }

    var description: String {
        "0x" + (limbs.isEmpty ? "0" : limbs.reversed().enumerated().map { index, limb in
            let hex = String(limb, radix: 16)
            return index == 0 ? hex : String(repeating: "0", count: 16 - hex.count) + hex
        }.joined())
    }

    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}
