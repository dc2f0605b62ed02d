/// Probabilistic primality testing and random prime generation for development RSA keys.
enum PrimeGeneration {
    /// The odd primes below 1000, for trial division before Miller–Rabin.
    static let smallPrimes: [UInt64] = {
        var primes: [UInt64] = []
        var candidate: UInt64 = 3
        while candidate < 1000 {
            if primes.allSatisfy({ $0 * $0 > candidate || candidate % $0 != 0 }) { primes.append(candidate) }
            candidate += 2
        }
        return primes
    }()

    /// Miller–Rabin rounds with random bases. FIPS 186-5 table B.1 asks for 5 rounds at 1024-bit
    /// primes (error ≤ 2⁻¹⁰⁰ for random candidates); we use a few more for smaller sizes.
    static func millerRabinRounds(bitCount: Int) -> Int {
        bitCount >= 1024 ? 5 : bitCount >= 512 ? 8 : 40
    }

    /// Whether `candidate` is probably prime: trial division by small primes, then Miller–Rabin.
    static func isProbablePrime(_ candidate: BigUInt, using generator: inout some RandomNumberGenerator) -> Bool {
        if candidate < BigUInt(2) { return false }
        // Below 997², trial division by the small primes decides exactly.
        if candidate.limbs.count == 1, candidate.limbs[0] < 997 * 997 {
            let value = candidate.limbs[0]
            if value == 2 { return true }
            return value & 1 == 1 && smallPrimes.allSatisfy { $0 == value || $0 * $0 > value || value % $0 != 0 }
        }
        guard candidate.isOdd else { return false }
        for prime in smallPrimes where candidate.quotientAndRemainder(dividingBy: prime).remainder == 0 {
            return false
        }
        guard let modulus = MontgomeryContext(limbs: candidate.limbs) else { return false }
        let one = BigUInt(1)
        let minusOne = candidate - one
        var oddPart = minusOne
        var twos = 0
        while !oddPart.isOdd {
            oddPart = oddPart >> 1
            twos += 1
        }
        let limbCount = modulus.limbCount
        let exponent = oddPart.limbs
        roundLoop: for _ in 0..<millerRabinRounds(bitCount: candidate.bitCount) {
            // A random base in 2 ... n − 3.
            let base = BigUInt.random(below: candidate - BigUInt(3), using: &generator) + one
            var x = BigUInt(limbs: modulus.power(base.limbs(paddedTo: limbCount), secretExponent: exponent))
            if x == one || x == minusOne { continue }
            for _ in 1..<max(twos, 1) {
                x = BigUInt(limbs: modulus.multiply(x.limbs(paddedTo: limbCount), x.limbs(paddedTo: limbCount)))
                if x == minusOne { continue roundLoop }
                if x == one { return false }
            }
            return false
        }
        return true
    }

    /// A random prime of exactly `bitCount` bits whose two top bits are set (so the product of two
    /// such primes has exactly `2·bitCount` bits) and with `gcd(p − 1, publicExponent) = 1`.
    ///
    /// - Precondition: `publicExponent` is an odd prime (65537) and `bitCount ≥ 16`.
    static func randomPrime(
        bitCount: Int, coprimeTo publicExponent: UInt64, using generator: inout some RandomNumberGenerator
    ) -> BigUInt {
        precondition(bitCount >= 16, "prime too small")
        let topBits = BigUInt(3) << (bitCount - 2)
        while true {
            var candidate = BigUInt.random(bitCount: bitCount, using: &generator)
            candidate = BigUInt(limbs: zip(candidate.limbs(paddedTo: (bitCount + 63) / 64),
                                           topBits.limbs(paddedTo: (bitCount + 63) / 64)).map { $0 | $1 })
            if !candidate.isOdd { candidate = candidate + BigUInt(1) }
            guard candidate.bitCount == bitCount,
                  candidate.quotientAndRemainder(dividingBy: publicExponent).remainder != 1 else { continue }
            if isProbablePrime(candidate, using: &generator) { return candidate }
        }
    }
}
