/// Variable-time modular inversion for public values, by the binary extended Euclidean
/// algorithm.
///
/// Fermat inversion (`ModularInteger.inverse()`, `a^(m−2)`) costs about `1.25·bits` modular
/// multiplications and runs the same steps for every input, which signing needs for its secret
/// nonce. Verification inverts the public `s` of a signature, so it may branch on the value:
/// the binary algorithm uses only shifts, additions and subtractions of limbs, about
/// `2·bits` cheap steps, several times faster than a 256-bit exponentiation.
extension ModularInteger {
    /// `self⁻¹ mod m` as a canonical integer (not in Montgomery form); `self` must be non-zero.
    ///
    /// Variable time: use for public values only. Multiplying a Montgomery-form residue `x·R` by
    /// the result with the Montgomery product gives the canonical integer `x·self⁻¹ mod m`
    /// directly (`x·R · self⁻¹ · R⁻¹`).
    func publicCanonicalInverse() -> Limbs {
        // Invariants: x1·a ≡ u and x2·a ≡ v (mod m), with x1, x2 ∈ [0, m) and gcd(u, v) = 1.
        // Each pass removes factors of two from u or v, then subtracts the smaller from the
        // larger, until one of them is 1. u = v is impossible before that (it would make
        // u = v = gcd = 1), so neither becomes 0.
        let m = Modulus.modulus
        var u = canonical
        var v = m
        var x1 = Limbs()
        x1[limb: 0] = 1
        var x2 = Limbs()
        while !u.isOne && !v.isOne {
            while !u.isOdd {
                u.halve(carry: 0)
                x1.halveModulo(m)
            }
            while !v.isOdd {
                v.halve(carry: 0)
                x2.halveModulo(m)
            }
            if v.isLess(than: u) {
                u.subtract(v)
                x1.subtractModulo(x2, m)
            } else {
                v.subtract(u)
                x2.subtractModulo(x1, m)
            }
        }
        return u.isOne ? x1 : x2
    }
}

extension LimbStorage {
    /// Whether the value is 1.
    @inline(__always)
    var isOne: Bool {
        withLimbs { limbs in
            var accumulated = limbs[0] ^ 1
            var index = 1
            while index < Self.count {
                accumulated |= limbs[index]
                index &+= 1
            }
            return accumulated == 0
        }
    }

    /// Shifts right by one bit, shifting `carry` (0 or 1) in at the top.
    @inline(__always)
    mutating func halve(carry: UInt64) {
        withMutableLimbs { limbs in
            var index = 0
            while index < Self.count &- 1 {
                limbs[index] = (limbs[index] &>> 1) | (limbs[index &+ 1] &<< 63)
                index &+= 1
            }
            limbs[index] = (limbs[index] &>> 1) | (carry &<< 63)
        }
    }

    /// `self / 2 mod modulus` for `self < modulus`, `modulus` odd: an odd value is made even by
    /// adding the modulus first (the sum's carry becomes the top bit after the shift).
    @inline(__always)
    mutating func halveModulo(_ modulus: Self) {
        var carry: UInt64 = 0
        if isOdd { carry = add(modulus) }
        halve(carry: carry)
    }

    /// `self − other mod modulus` for `self, other < modulus`.
    @inline(__always)
    mutating func subtractModulo(_ other: Self, _ modulus: Self) {
        if subtract(other) != 0 { add(modulus) }
    }
}
