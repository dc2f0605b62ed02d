import Testing
@testable import JOSE

/// Public-key validation on load (issue 3 item 5, attacks.md A3 #12): exact coordinate lengths,
/// coordinates below p, on the curve, never the point at infinity; private scalars in [1, n − 1].
@Suite("EC key loading")
struct ECKeyLoadingTests {
    /// RFC 6979 A.2.5 (P-256) and A.2.6 (P-384) key pairs: https://www.rfc-editor.org/rfc/rfc6979#appendix-A.2.5
    static let p256Scalar = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"
    static let p256X = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
    static let p256Y = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"
    static let p384Scalar =
        "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5"
    static let p384X =
        "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13"
    static let p384Y =
        "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720"

    /// The field primes, big-endian.
    static let p256Prime = "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF"
    static let p384Prime =
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF"
    /// The group orders, big-endian.
    static let p256Order = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
    static let p384Order =
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973"

    typealias Case = (curve: ECCurve, x: String, y: String, prime: String)
    static let curves: [Case] = [(.p256, p256X, p256Y, p256Prime), (.p384, p384X, p384Y, p384Prime)]

    @Test("A valid key loads from coordinates and from 04‖X‖Y, and round-trips", arguments: curves)
    func validKey(_ c: Case) throws {
        let x = ECTestSupport.bytes(hex: c.x)
        let y = ECTestSupport.bytes(hex: c.y)
        let key = try ECPublicKey(curve: c.curve, x: x, y: y)
        #expect(key.curve == c.curve && key.x == x && key.y == y)
        let fromX963 = try ECPublicKey(curve: c.curve, x963Representation: [0x04] + x + y)
        #expect(fromX963 == key)
        #expect(key.x963Representation == [0x04] + x + y)
        #expect(Set([key, fromX963]).count == 1)
    }

    @Test("Coordinates of the wrong length are refused, even with only a leading zero added or removed", arguments: curves)
    func wrongLength(_ c: Case) {
        let x = ECTestSupport.bytes(hex: c.x)
        let y = ECTestSupport.bytes(hex: c.y)
        for (badX, badY) in [([0] + x, y), (x, [0] + y), (Array(x.dropFirst()), y), (x, Array(y.dropLast())), ([], []), (x + y, [])] {
            #expect(throws: ECKeyError(.invalidCoordinateLength)) { try ECPublicKey(curve: c.curve, x: badX, y: badY) }
        }
        // A P-256 key presented as P-384 (and vice versa) is refused by length.
        let other: ECCurve = c.curve == .p256 ? .p384 : .p256
        #expect(throws: ECKeyError(.invalidCoordinateLength)) { try ECPublicKey(curve: other, x: x, y: y) }
    }

    @Test("Coordinates equal to or above p are refused (no silent reduction)", arguments: curves)
    func coordinateOutOfRange(_ c: Case) {
        let x = ECTestSupport.bytes(hex: c.x)
        let y = ECTestSupport.bytes(hex: c.y)
        let prime = ECTestSupport.bytes(hex: c.prime)
        let allOnes = [UInt8](repeating: 0xff, count: c.curve.coordinateByteCount)
        // x + p ≡ x (mod p): the same point if the loader reduced modulo p; it must not.
        var xPlusP = x
        var carry = 0
        for index in stride(from: x.count - 1, through: 0, by: -1) {
            let sum = Int(x[index]) + Int(prime[index]) + carry
            xPlusP[index] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        var cases: [([UInt8], [UInt8])] = [(prime, y), (x, prime), (allOnes, y), (x, allOnes)]
        if carry == 0 { cases.append((xPlusP, y)) }
        for (badX, badY) in cases {
            #expect(throws: ECKeyError(.coordinateOutOfRange)) { try ECPublicKey(curve: c.curve, x: badX, y: badY) }
        }
    }

    @Test("Points off the curve are refused", arguments: curves)
    func offCurve(_ c: Case) {
        let x = ECTestSupport.bytes(hex: c.x)
        var y = ECTestSupport.bytes(hex: c.y)
        y[y.count - 1] ^= 0x01
        let zero = [UInt8](repeating: 0, count: c.curve.coordinateByteCount)
        for (badX, badY) in [(x, y), (zero, zero), (x, zero), (zero, ECTestSupport.bytes(hex: c.y))] {
            #expect(throws: ECKeyError(.pointNotOnCurve)) { try ECPublicKey(curve: c.curve, x: badX, y: badY) }
        }
    }

    @Test("X9.63 encodings other than uncompressed 04‖X‖Y are refused", arguments: curves)
    func x963Refusals(_ c: Case) {
        let x = ECTestSupport.bytes(hex: c.x)
        let y = ECTestSupport.bytes(hex: c.y)
        #expect(throws: ECKeyError(.pointAtInfinity)) { try ECPublicKey(curve: c.curve, x963Representation: [0x00]) }
        for bad in [[0x02] + x, [0x03] + x, [0x05] + x + y, x + y, [0x04] + x + y + [0], [0x04] + x + y.dropLast(), [], [0x04]] {
            #expect(throws: ECKeyError(.malformedEncoding)) { try ECPublicKey(curve: c.curve, x963Representation: bad) }
        }
    }

    @Test("Private scalars outside [1, n − 1] or of the wrong length are refused")
    func privateScalarRange() throws {
        for (curve, order) in [(ECCurve.p256, Self.p256Order), (.p384, Self.p384Order)] {
            let n = ECTestSupport.bytes(hex: order)
            var nMinusOne = n
            nMinusOne[n.count - 1] -= 1
            let zero = [UInt8](repeating: 0, count: n.count)
            for bad in [zero, n, [UInt8](repeating: 0xff, count: n.count), Array(nMinusOne.dropFirst()), [0] + nMinusOne] {
                #expect(throws: ECKeyError(.invalidScalar)) { try ECPrivateKey(curve: curve, scalar: bad) }
            }
            // d = n − 1 gives −G: same x as G.
            let minusOne = try ECPrivateKey(curve: curve, scalar: nMinusOne)
            var one = zero
            one[one.count - 1] = 1
            let plusOne = try ECPrivateKey(curve: curve, scalar: one)
            #expect(minusOne.publicKey.x == plusOne.publicKey.x)
            #expect(minusOne.publicKey.y != plusOne.publicKey.y)
        }
    }

    @Test("Public keys derived from RFC 6979 A.2.5 / A.2.6 private keys match the RFC")
    func derivedPublicKeys() throws {
        let p256 = try ECPrivateKey(curve: .p256, scalar: ECTestSupport.bytes(hex: Self.p256Scalar))
        #expect(p256.publicKey == (try ECPublicKey(curve: .p256, x: ECTestSupport.bytes(hex: Self.p256X), y: ECTestSupport.bytes(hex: Self.p256Y))))
        #expect(p256.scalar == ECTestSupport.bytes(hex: Self.p256Scalar))
        let p384 = try ECPrivateKey(curve: .p384, scalar: ECTestSupport.bytes(hex: Self.p384Scalar))
        #expect(p384.publicKey == (try ECPublicKey(curve: .p384, x: ECTestSupport.bytes(hex: Self.p384X), y: ECTestSupport.bytes(hex: Self.p384Y))))
    }

    @Test("Generated keys are valid and distinct")
    func generation() throws {
        for curve in ECCurve.allCases {
            let first = ECPrivateKey.generate(curve: curve)
            let second = ECPrivateKey.generate(curve: curve)
            #expect(first.scalar.count == curve.coordinateByteCount)
            #expect(first.scalar != second.scalar)
            // Reloading the scalar and the public coordinates goes through full validation.
            let reloaded = try ECPrivateKey(curve: curve, scalar: first.scalar)
            #expect(reloaded.publicKey == first.publicKey)
            #expect(try ECPublicKey(curve: curve, x: first.publicKey.x, y: first.publicKey.y) == first.publicKey)
        }
    }
}
