extension BigUInt {
    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let count = max(lhs.limbs.count, rhs.limbs.count)
        var result = [UInt64](repeating: 0, count: count + 1)
        var carry: UInt64 = 0
        for index in 0..<count {
            let sum = UInt128(index < lhs.limbs.count ? lhs.limbs[index] : 0)
                &+ UInt128(index < rhs.limbs.count ? rhs.limbs[index] : 0) &+ UInt128(carry)
            result[index] = UInt64(truncatingIfNeeded: sum)
            carry = UInt64(truncatingIfNeeded: sum >> 64)
        }
        result[count] = carry
        return BigUInt(limbs: result)
    }

    /// - Precondition: `lhs >= rhs`.
    static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        precondition(lhs >= rhs, "BigUInt subtraction would underflow")
        var result = lhs.limbs
        var borrow: UInt64 = 0
        for index in 0..<result.count {
            let difference = UInt128(result[index])
                &- UInt128(index < rhs.limbs.count ? rhs.limbs[index] : 0) &- UInt128(borrow)
            result[index] = UInt64(truncatingIfNeeded: difference)
            borrow = UInt64(truncatingIfNeeded: difference >> 64) & 1
        }
        return BigUInt(limbs: result)
    }

    /// Schoolbook multiplication.
    static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        guard !lhs.isZero, !rhs.isZero else { return BigUInt(limbs: []) }
        var result = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for i in 0..<lhs.limbs.count {
            var carry: UInt64 = 0
            let a = UInt128(lhs.limbs[i])
            for j in 0..<rhs.limbs.count {
                let product = a &* UInt128(rhs.limbs[j]) &+ UInt128(result[i + j]) &+ UInt128(carry)
                result[i + j] = UInt64(truncatingIfNeeded: product)
                carry = UInt64(truncatingIfNeeded: product >> 64)
            }
            result[i + rhs.limbs.count] = carry
        }
        return BigUInt(limbs: result)
    }

    static func << (lhs: BigUInt, shift: Int) -> BigUInt {
        guard !lhs.isZero, shift > 0 else { return lhs }
        let limbShift = shift / 64
        let bitShift = UInt64(shift % 64)
        var result = [UInt64](repeating: 0, count: lhs.limbs.count + limbShift + 1)
        for (index, limb) in lhs.limbs.enumerated() {
            result[index + limbShift] |= limb << bitShift
            if bitShift > 0 { result[index + limbShift + 1] |= limb >> (64 - bitShift) }
        }
        return BigUInt(limbs: result)
    }

    static func >> (lhs: BigUInt, shift: Int) -> BigUInt {
        guard shift > 0 else { return lhs }
        let limbShift = shift / 64
        let bitShift = UInt64(shift % 64)
        guard limbShift < lhs.limbs.count else { return BigUInt(limbs: []) }
        var result = [UInt64](repeating: 0, count: lhs.limbs.count - limbShift)
        for index in 0..<result.count {
            result[index] = lhs.limbs[index + limbShift] >> bitShift
            if bitShift > 0, index + limbShift + 1 < lhs.limbs.count {
                result[index] |= lhs.limbs[index + limbShift + 1] << (64 - bitShift)
            }
        }
        return BigUInt(limbs: result)
    }

    /// Remainder by bitwise long division (development code: a few thousand limb operations per
    /// call at RSA sizes). - Precondition: `divisor` is not zero.
    static func % (lhs: BigUInt, divisor: BigUInt) -> BigUInt {
        precondition(!divisor.isZero, "division by zero")
        if lhs < divisor { return lhs }
        var remainder = BigUInt(limbs: [])
        for index in stride(from: lhs.bitCount - 1, through: 0, by: -1) {
            remainder = remainder << 1
            if lhs.bit(index) { remainder = remainder + BigUInt(1) }
            if remainder >= divisor { remainder = remainder - divisor }
        }
        return remainder
    }

    /// Quotient and remainder by a single non-zero word.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in stride(from: limbs.count - 1, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
            quotient[index] = q
            remainder = r
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// The inverse of `self` modulo an odd `modulus`, or `nil` when they share a factor.
    ///
    /// Binary extended Euclid: halvings keep the Bézout coefficients reduced modulo the odd
    /// modulus (an odd coefficient gets `modulus` added before halving).
    func inverse(modulo modulus: BigUInt) -> BigUInt? {
        precondition(modulus.isOdd, "binary inverse needs an odd modulus")
        var u = self % modulus
        var v = modulus
        var x1 = BigUInt(1)
        var x2 = BigUInt(limbs: [])
        guard !u.isZero else { return nil }
        let one = BigUInt(1)
        func halve(_ value: inout BigUInt, _ coefficient: inout BigUInt) {
            while !value.isOdd {
                value = value >> 1
                coefficient = (coefficient.isOdd ? coefficient + modulus : coefficient) >> 1
            }
        }
        while u != one && v != one {
            halve(&u, &x1)
            halve(&v, &x2)
            if u >= v {
                u = u - v
                x1 = x1 >= x2 ? x1 - x2 : x1 + modulus - x2
                if u.isZero { return nil }
            } else {
                v = v - u
                x2 = x2 >= x1 ? x2 - x1 : x2 + modulus - x1
            }
        }
        return u == one ? x1 % modulus : x2 % modulus
    }

    /// A uniformly random value with exactly `bitCount` bits available (top bits may be zero).
    static func random(bitCount: Int, using generator: inout some RandomNumberGenerator) -> BigUInt {
        let count = (bitCount + 63) / 64
        var limbs = (0..<count).map { _ in generator.next() as UInt64 }
        let excess = count * 64 - bitCount
        if excess > 0 { limbs[count - 1] &= UInt64.max >> UInt64(excess) }
        return BigUInt(limbs: limbs)
    }

    /// A uniformly random value in `1..<upperBound` (rejection sampling). - Precondition: `upperBound > 1`.
    static func random(below upperBound: BigUInt, using generator: inout some RandomNumberGenerator) -> BigUInt {
        precondition(upperBound > BigUInt(1), "empty range")
        while true {
            let candidate = random(bitCount: upperBound.bitCount, using: &generator)
            if !candidate.isZero && candidate < upperBound { return candidate }
        }
    }
}
