import Foundation
import Testing
@testable import JOSE

/// Helpers shared by the ECDSA tests (namespaced so they cannot clash with other suites' helpers).
enum ECTestSupport {
    /// Decodes a hex string (either case, even length); traps on malformed input (test data only).
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        precondition(digits.count % 2 == 0, "odd-length hex: \(hex)")
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: preconditionFailure("bad hex digit in \(hex)")
            }
        }
        return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// A big-endian unsigned integer resized to exactly `count` bytes: leading zero bytes are
    /// removed or added (Wycheproof's `wx`/`wy` are two's-complement and may carry a leading 00).
    /// Returns `nil` if the value needs more than `count` bytes.
    static func fixedWidth(_ bytes: [UInt8], count: Int) -> [UInt8]? {
        let significant = Array(bytes.drop(while: { $0 == 0 }))
        guard significant.count <= count else { return nil }
        return [UInt8](repeating: 0, count: count - significant.count) + significant
    }

    /// The URL of a vector file under `Tests/JOSETests/Vectors`.
    static func vectorURL(_ relativePath: String) throws -> URL {
        let directory = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil))
        return directory.appendingPathComponent(relativePath)
    }

    /// `k·G` by the verifier's variable-time wNAF path (`k·G + 0·G`), as an independent reference
    /// for the constant-time multiplication.
    static func variableTimeGeneratorMultiple<Curve: PrimeCurve>(
        _ k: Curve.FieldModulus.Limbs, on _: Curve.Type
    ) -> JacobianPoint<Curve> {
        ECDSA.linearCombination(
            k, generatorAnd: Curve.FieldModulus.Limbs(), publicKey: ECDSAPublicPoint(validated: Curve.constants.generator))
    }

    /// A pseudo-random residue below the modulus.
    static func randomResidue<M: MontgomeryModulus>(_: M.Type, using generator: inout ECTestRandomGenerator) -> ModularInteger<M> {
        while true {
            var limbs = M.Limbs()
            for index in 0..<M.Limbs.count { limbs[limb: index] = generator.next() }
            if limbs.isLess(than: M.modulus) { return ModularInteger(reduced: limbs) }
        }
    }
}

/// A small deterministic generator so the identity tests are reproducible.
struct ECTestRandomGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
