/// A fixed number of 64-bit limbs stored inline (no heap), least significant limb first.
///
/// The big-number code of the ECDSA module works on `UnsafePointer<UInt64>` views of these values,
/// so one generic routine serves every limb count while each curve keeps a value type of exactly
/// its own size. Conformers are plain structs wrapping a homogeneous tuple of `UInt64`, which makes
/// the memory of a value valid to view as `count` consecutive `UInt64` limbs.
protocol LimbStorage: Sendable, Equatable {
    /// The number of 64-bit limbs (4 for 256-bit values, 6 for 384-bit values).
    static var count: Int { get }
    /// The value zero.
    init()
}

extension LimbStorage {
    /// The number of bytes of the big-endian encoding (32 or 48).
    static var byteCount: Int { count &* 8 }

    /// Calls `body` with a read-only view of the limbs, least significant first.
    @inline(__always)
    func withLimbs<Result>(_ body: (UnsafePointer<UInt64>) -> Result) -> Result {
        withUnsafePointer(to: self) { pointer in
            pointer.withMemoryRebound(to: UInt64.self, capacity: Self.count, body)
        }
    }

    /// Calls `body` with a mutable view of the limbs, least significant first.
    @inline(__always)
    mutating func withMutableLimbs<Result>(_ body: (UnsafeMutablePointer<UInt64>) -> Result) -> Result {
        withUnsafeMutablePointer(to: &self) { pointer in
            pointer.withMemoryRebound(to: UInt64.self, capacity: Self.count, body)
        }
    }

    /// The limb at `index` (0 is the least significant). `index` must be in `0..<count`.
    @inline(__always)
    subscript(limb index: Int) -> UInt64 {
        get { withLimbs { $0[index] } }
        set { withMutableLimbs { $0[index] = newValue } }
    }

    /// Whether every limb is zero.
    var isZero: Bool {
        withLimbs { limbs in
            var accumulated: UInt64 = 0
            for index in 0..<Self.count { accumulated |= limbs[index] }
            return accumulated == 0
        }
    }

    /// Whether the value is odd.
    var isOdd: Bool { self[limb: 0] & 1 == 1 }

    /// Bit `index` of the value (0 is the least significant bit); 0 beyond the top limb.
    @inline(__always)
    func bit(_ index: Int) -> UInt64 {
        let limbIndex = index &>> 6
        guard limbIndex < Self.count else { return 0 }
        return (self[limb: limbIndex] &>> UInt64(index & 63)) & 1
    }

    /// `count` bits starting at bit `index` (`1 ≤ count ≤ 32`), as an integer; 0 beyond the top limb.
    @inline(__always)
    func bits(at index: Int, count: Int) -> UInt64 {
        let limbIndex = index &>> 6
        let shift = index & 63
        guard limbIndex < Self.count else { return 0 }
        var value = self[limb: limbIndex] &>> UInt64(shift)
        if shift &+ count > 64, limbIndex &+ 1 < Self.count {
            value |= self[limb: limbIndex &+ 1] &<< UInt64(64 &- shift)
        }
        return value & ((1 &<< UInt64(count)) &- 1)
    }

    /// The number of significant bits (0 for zero).
    var bitWidth: Int {
        withLimbs { limbs in
            var index = Self.count &- 1
            while index >= 0 {
                if limbs[index] != 0 { return index &* 64 &+ (64 &- limbs[index].leadingZeroBitCount) }
                index &-= 1
            }
            return 0
        }
    }

    /// Whether `self < other` as unsigned integers.
    @inline(__always)
    func isLess(than other: Self) -> Bool {
        withLimbs { lhs in
            other.withLimbs { rhs in
                var index = Self.count &- 1
                while index >= 0 {
                    if lhs[index] != rhs[index] { return lhs[index] < rhs[index] }
                    index &-= 1
                }
                return false
            }
        }
    }

    /// Reads exactly `byteCount` big-endian bytes; `nil` for any other length.
    init?(bigEndianBytes bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        self.init()
        var position = Self.byteCount &- 1
        withMutableLimbs { limbs in
            for byte in bytes {
                limbs[position &>> 3] |= UInt64(byte) &<< UInt64((position & 7) &* 8)
                position &-= 1
            }
        }
    }

    /// The value as exactly `byteCount` big-endian bytes.
    var bigEndianBytes: [UInt8] {
        withLimbs { limbs in
            [UInt8](unsafeUninitializedCapacity: Self.byteCount) { buffer, initializedCount in
                for position in 0..<Self.byteCount {
                    let fromEnd = Self.byteCount &- 1 &- position
                    buffer[position] = UInt8(truncatingIfNeeded: limbs[fromEnd &>> 3] &>> UInt64((fromEnd & 7) &* 8))
                }
                initializedCount = Self.byteCount
            }
        }
    }

    /// Adds `other` in place; returns the carry out of the top limb (0 or 1).
    @discardableResult @inline(__always)
    mutating func add(_ other: Self) -> UInt64 {
        withMutableLimbs { lhs in
            other.withLimbs { rhs in addLimbs(lhs, lhs, rhs, count: Self.count) }
        }
    }

    /// Subtracts `other` in place; returns the borrow out of the top limb (0 or 1).
    @discardableResult @inline(__always)
    mutating func subtract(_ other: Self) -> UInt64 {
        withMutableLimbs { lhs in
            other.withLimbs { rhs in subtractLimbs(lhs, lhs, rhs, count: Self.count) }
        }
    }
}

/// 256 bits as four limbs (P-256 coordinates and scalars).
struct Limbs4: LimbStorage {
    var storage: (UInt64, UInt64, UInt64, UInt64)
    static var count: Int { 4 }
    init() { storage = (0, 0, 0, 0) }
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) { storage = (l0, l1, l2, l3) }
    static func == (lhs: Limbs4, rhs: Limbs4) -> Bool { lhs.storage == rhs.storage }
}

/// 384 bits as six limbs (P-384 coordinates and scalars).
struct Limbs6: LimbStorage {
    var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    static var count: Int { 6 }
    init() { storage = (0, 0, 0, 0, 0, 0) }
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64, _ l5: UInt64) {
        storage = (l0, l1, l2, l3, l4, l5)
    }
    static func == (lhs: Limbs6, rhs: Limbs6) -> Bool { lhs.storage == rhs.storage }
}

// MARK: - Limb-vector primitives

/// Widens a limb to 128 bits for a carry-exact product or sum.
///
/// This uses the standard library's concrete `UInt128(_low:_high:)` initialiser (and the `_low` /
/// `_high` accessors at the call sites) rather than the generic `UInt128(_:)` /
/// `UInt64(truncatingIfNeeded:)`. Optimised builds compile both to the same instructions, but in
/// an unoptimised (debug) build — the one `swift test` uses — the generic conversions are about
/// 30× slower, which made the Wycheproof suites take minutes.
@inline(__always)
func wide(_ limb: UInt64) -> UInt128 { UInt128(_low: limb, _high: 0) }

/// `result = lhs + rhs` over `count` limbs; returns the carry (0 or 1). `result` may alias an input.
@inline(__always)
func addLimbs(
    _ result: UnsafeMutablePointer<UInt64>, _ lhs: UnsafePointer<UInt64>, _ rhs: UnsafePointer<UInt64>, count: Int
) -> UInt64 {
    var carry: UInt64 = 0
    var index = 0
    while index < count {  // not `for … in`: see `montgomeryMultiply`
        let sum = wide(lhs[index]) &+ wide(rhs[index]) &+ wide(carry)
        result[index] = sum._low
        carry = sum._high
        index &+= 1
    }
    return carry
}

/// `result = lhs − rhs` over `count` limbs; returns the borrow (0 or 1). `result` may alias an input.
@inline(__always)
func subtractLimbs(
    _ result: UnsafeMutablePointer<UInt64>, _ lhs: UnsafePointer<UInt64>, _ rhs: UnsafePointer<UInt64>, count: Int
) -> UInt64 {
    var borrow: UInt64 = 0
    var index = 0
    while index < count {
        let difference = wide(lhs[index]) &- wide(rhs[index]) &- wide(borrow)
        result[index] = difference._low
        borrow = difference._high & 1
        index &+= 1
    }
    return borrow
}
