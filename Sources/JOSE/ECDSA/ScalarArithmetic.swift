/// Scalar-specific operations: reading ECDSA integers, reducing a message digest, and the
/// width-w non-adjacent form that drives point multiplication.
extension ModularInteger {
    /// Reads an ECDSA signature half or private scalar: exactly `Limbs.byteCount` big-endian bytes
    /// holding an integer in `[1, m − 1]`. Returns `nil` for any other length, for 0 and for
    /// values `≥ m` (never reduces, so `r = n` or `s = n` cannot become 0 or wrap around).
    init?(nonZeroCanonicalBytes bytes: some Collection<UInt8>) {
        guard let value = Limbs(bigEndianBytes: bytes), !value.isZero,
            value.isLess(than: Modulus.modulus)
        else { return nil }
        self.init(reduced: value)
    }

    /// The integer ECDSA signs for a message digest (SEC 1 v2 §4.1.3 step 5, RFC 6979 `bits2int`
    /// followed by reduction): the leftmost `bitLength(m)` bits of the digest, reduced modulo `m`.
    /// Both orders here are a whole number of bytes long, so a longer digest is cut to
    /// `Limbs.byteCount` bytes and a shorter one is read as a smaller integer.
    init(digest: [UInt8]) {
        let width = Limbs.byteCount
        var value: Limbs?
        if digest.count >= width {
            value = Limbs(bigEndianBytes: digest[..<width])
        } else {
            value = Limbs(bigEndianBytes: repeatElement(0, count: width &- digest.count) + digest)
        }
        self.init(reducingOnce: value ?? Limbs())
    }
}

extension LimbStorage {
    /// The number of wNAF digits an integer of this width may need (one more than its bits).
    static var nonAdjacentFormCapacity: Int { count &* 64 &+ 1 }

    /// Writes the width-`width` non-adjacent form of this integer into `digits` (which holds
    /// `nonAdjacentFormCapacity` entries): `Σ digits[i]·2^i` equals the value, every non-zero
    /// digit is odd with `|digit| < 2^(width−1)`, and any `width` consecutive digits hold at most
    /// one non-zero digit. Returns one past the index of the highest non-zero digit (0 for zero).
    /// Variable time: for public scalars only. `2 ≤ width ≤ 16`.
    func writeNonAdjacentForm(width: Int, into digits: UnsafeMutablePointer<Int16>) -> Int {
        let capacity = Self.nonAdjacentFormCapacity
        digits.initialize(repeating: 0, count: capacity)
        var carry: UInt64 = 0
        var position = 0
        var length = 0
        while position < capacity {
            // Skip while the running value (remaining bits plus carry) is even at this position.
            if bit(position) == carry {
                position &+= 1
                continue
            }
            let step = Swift.min(width, capacity &- position)
            var word = Int64(bits(at: position, count: step) &+ carry)
            carry = UInt64(word &>> Int64(width &- 1)) & 1
            word &-= Int64(carry) &<< Int64(width)
            digits[position] = Int16(truncatingIfNeeded: word)
            length = position &+ 1
            position &+= step
        }
        return length
    }
}
