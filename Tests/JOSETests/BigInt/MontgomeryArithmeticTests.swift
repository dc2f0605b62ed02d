import Testing
@testable import JOSE

/// A seeded generator so that a failing case can be reproduced (SplitMix64).
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reference exponentiation with schoolbook BigUInt arithmetic (square-and-multiply with `%`).
private func referencePower(_ base: BigUInt, _ exponent: BigUInt, _ modulus: BigUInt) -> BigUInt {
    var result = BigUInt(1) % modulus
    for bit in stride(from: exponent.bitCount - 1, through: 0, by: -1) {
        result = (result * result) % modulus
        if exponent.bit(bit) { result = (result * base) % modulus }
    }
    return result
}

/// A random odd modulus of exactly `bitCount` bits.
private func randomOddModulus(bitCount: Int, using generator: inout SeededGenerator) -> BigUInt {
    let value = BigUInt.random(bitCount: bitCount, using: &generator)
    let withTopBit = value + (BigUInt(1) << (bitCount - 1))
    let reduced = withTopBit.bitCount > bitCount ? withTopBit - (BigUInt(1) << (bitCount - 1)) : withTopBit
    return reduced.isOdd ? reduced : reduced + BigUInt(1)
}

@Suite("Montgomery arithmetic")
struct MontgomeryArithmeticTests {
    /// Moduli sizes: one limb, odd limb counts, partial top limbs, RSA sizes.
    static let bitCounts = [61, 64, 127, 130, 521, 1024, 2048]

    @Test("s^e mod n with public exponents matches schoolbook arithmetic", arguments: bitCounts)
    func publicExponentPower(bitCount: Int) throws {
        var generator = SeededGenerator(state: UInt64(bitCount))
        for exponent: UInt64 in [1, 2, 3, 17, 65537, 0xFFFF_FFFF] {
            let n = randomOddModulus(bitCount: bitCount, using: &generator)
            let modulus = try #require(MontgomeryContext(limbs: n.limbs))
            let base = BigUInt.random(below: n, using: &generator)
            var result = [UInt64](repeating: 0, count: modulus.limbCount)
            base.limbs(paddedTo: modulus.limbCount).withUnsafeBufferPointer { source in
                result.withUnsafeMutableBufferPointer { modulus.power(source.baseAddress!, publicExponent: exponent, into: $0.baseAddress!) }
            }
            let expected = referencePower(base, BigUInt(exponent), n)
            #expect(BigUInt(limbs: result) == expected, "bits \(bitCount) e \(exponent)")
        }
    }

    @Test("Fixed-window secret exponentiation matches schoolbook arithmetic", arguments: [64, 130, 512])
    func secretExponentPower(bitCount: Int) throws {
        var generator = SeededGenerator(state: 1000 + UInt64(bitCount))
        let n = randomOddModulus(bitCount: bitCount, using: &generator)
        let modulus = try #require(MontgomeryContext(limbs: n.limbs))
        let base = BigUInt.random(below: n, using: &generator)
        let exponent = BigUInt.random(bitCount: bitCount, using: &generator)
        let result = BigUInt(limbs: modulus.power(base.limbs(paddedTo: modulus.limbCount), secretExponent: exponent.limbs))
        #expect(result == referencePower(base, exponent, n))
    }

    @Test("Edge values: 0, 1 and n − 1 under e = 65537")
    func edgeValues() throws {
        var generator = SeededGenerator(state: 7)
        let n = randomOddModulus(bitCount: 2048, using: &generator)
        let modulus = try #require(MontgomeryContext(limbs: n.limbs))
        let minusOne = n - BigUInt(1)
        for (base, expected) in [(BigUInt(0), BigUInt(0)), (BigUInt(1), BigUInt(1)), (minusOne, minusOne)] {
            var result = [UInt64](repeating: 0, count: modulus.limbCount)
            base.limbs(paddedTo: modulus.limbCount).withUnsafeBufferPointer { source in
                result.withUnsafeMutableBufferPointer { modulus.power(source.baseAddress!, publicExponent: 65537, into: $0.baseAddress!) }
            }
            #expect(BigUInt(limbs: result) == expected)
        }
    }

    @Test("Modular multiplication and wide reduction match schoolbook arithmetic")
    func multiplyAndReduce() throws {
        var generator = SeededGenerator(state: 99)
        let n = randomOddModulus(bitCount: 1000, using: &generator)
        let modulus = try #require(MontgomeryContext(limbs: n.limbs))
        let a = BigUInt.random(below: n, using: &generator)
        let b = BigUInt.random(below: n, using: &generator)
        let product = BigUInt(limbs: modulus.multiply(a.limbs(paddedTo: modulus.limbCount), b.limbs(paddedTo: modulus.limbCount)))
        #expect(product == (a * b) % n)
        #expect(BigUInt(limbs: modulus.reduce((a * b).limbs)) == (a * b) % n)
    }

    @Test("Even moduli and moduli below 3 are refused")
    func invalidModuli() {
        #expect(MontgomeryContext(limbs: [0]) == nil)
        #expect(MontgomeryContext(limbs: [1]) == nil)
        #expect(MontgomeryContext(limbs: [4, 1]) == nil)
        #expect(MontgomeryContext(limbs: [3, 0, 0])?.limbCount == 1)
    }
}

@Suite("BigUInt (development arithmetic)")
struct BigUIntTests {
    @Test("Byte round trip, shifts and division by a word")
    func basics() {
        let bytes: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC]
        let value = BigUInt(bigEndian: [0, 0] + bytes)
        #expect(value.bigEndianBytes == bytes)
        #expect(value.bigEndianBytes(count: 12) == [0, 0] + bytes)
        #expect(((value << 77) >> 77) == value)
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 65537)
        #expect(quotient * BigUInt(65537) + BigUInt(remainder) == value)
        #expect(value % BigUInt(65537) == BigUInt(remainder))
    }

    @Test("Modular inverse modulo odd numbers")
    func inverse() {
        var generator = SeededGenerator(state: 3)
        let modulus = randomOddModulus(bitCount: 700, using: &generator)
        for _ in 0..<5 {
            let value = BigUInt.random(below: modulus, using: &generator)
            if let inverse = value.inverse(modulo: modulus) {
                #expect((value * inverse) % modulus == BigUInt(1))
            }
        }
        #expect(BigUInt(6).inverse(modulo: BigUInt(9)) == nil)
        #expect(BigUInt(9).inverse(modulo: BigUInt(9)) == nil)
        #expect(BigUInt(2).inverse(modulo: BigUInt(65537)) == BigUInt(32769))
    }

    @Test("Miller–Rabin separates primes from composites, including Carmichael numbers")
    func primality() {
        var generator = SeededGenerator(state: 11)
        let primes: [BigUInt] = [BigUInt(2), BigUInt(3), BigUInt(997), BigUInt(1_009), BigUInt(1_021), BigUInt(993_997),
                                 BigUInt(65537), BigUInt(2_147_483_647), (BigUInt(1) << 127) - BigUInt(1), (BigUInt(1) << 521) - BigUInt(1)]
        for prime in primes { #expect(PrimeGeneration.isProbablePrime(prime, using: &generator), "\(prime)") }
        // Small composites and Carmichael numbers (caught by trial division), then composites with no
        // factor below 1000 that only Miller–Rabin can catch: the Carmichael number 1171·2341·3511,
        // 3825123056546413051 (a strong pseudoprime to every prime base up to 23), and a product
        // of two large primes.
        let composites: [BigUInt] = [BigUInt(1), BigUInt(4), BigUInt(1_003), BigUInt(994_009), BigUInt(561), BigUInt(1_105),
                                     BigUInt(41_041), BigUInt(2_047), BigUInt(9_624_742_921), BigUInt(3_825_123_056_546_413_051),
                                     ((BigUInt(1) << 127) - BigUInt(1)) * BigUInt(2_147_483_647)]
        for composite in composites { #expect(!PrimeGeneration.isProbablePrime(composite, using: &generator), "\(composite)") }
    }

    @Test("Random primes have exactly the requested size, top bits set, and p − 1 coprime to 65537")
    func randomPrime() {
        var generator = SeededGenerator(state: 5)
        let prime = PrimeGeneration.randomPrime(bitCount: 256, coprimeTo: 65537, using: &generator)
        #expect(prime.bitCount == 256)
        #expect(prime.bit(254))
        #expect(prime.quotientAndRemainder(dividingBy: 65537).remainder != 1)
        #expect(PrimeGeneration.isProbablePrime(prime, using: &generator))
    }
}
