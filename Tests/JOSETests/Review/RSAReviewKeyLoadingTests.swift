import Foundation
import Testing
@testable import JOSE

/// DER strictness beyond RSAKeyLoadingTests, and attacks.md A3 items 18–19 (tiny and huge keys).
@Suite("Review: strict DER and key-size limits")
struct RSAReviewKeyLoadingTests {
    static let e65537: [UInt8] = [1, 0, 1]

    @Test("BER shapes and structural oddities the first round did not cover are refused")
    func moreMalformedDER() throws {
        let key = try RSATestSupport.wycheproofKey2048()
        let der = RSATestSupport.der
        let integer = RSATestSupport.derUnsignedInteger
        let pkcs1 = RSATestSupport.pkcs1(modulus: key.modulus, exponent: Self.e65537)
        let algorithm = der(0x30, der(0x06, RSAPublicKey.rsaEncryptionObjectIdentifier) + [0x05, 0x00])
        let modulusTrimmed = Array(key.modulus.drop(while: { $0 == 0 }))
        let cases: [(String, [UInt8])] = [
            ("declared length 2^32 − 1 (no allocation, no trap)", [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF] + pkcs1),
            ("declared length 2^31 on the modulus", der(0x30, [0x02, 0x84, 0x80, 0x00, 0x00, 0x00] + key.modulus)),
            ("five length octets", [0x30, 0x85, 0x00, 0x00, 0x00, 0x01, 0x0A] + pkcs1.dropFirst(4)),
            ("length 0x81 0x80 … but the content is short", [0x30, 0x81, 0x80] + pkcs1.prefix(10)),
            ("non-minimal length on the BIT STRING", der(0x30, algorithm + [0x03, 0x83, 0x00, 0x01, 0x0F, 0x00] + pkcs1)),
            ("non-minimal length on the OID", der(0x30, der(0x30, [0x06, 0x81, 0x09] + RSAPublicKey.rsaEncryptionObjectIdentifier + [0x05, 0x00])
                                                 + der(0x03, [0] + pkcs1))),
            ("non-minimal NULL length", der(0x30, der(0x30, der(0x06, RSAPublicKey.rsaEncryptionObjectIdentifier) + [0x05, 0x81, 0x00])
                                              + der(0x03, [0] + pkcs1))),
            ("constructed BIT STRING (0x23)", der(0x30, algorithm + der(0x23, der(0x03, [0] + pkcs1)))),
            ("OCTET STRING instead of BIT STRING", der(0x30, algorithm + der(0x04, pkcs1))),
            ("high-tag-number form for SEQUENCE", [0x3F, 0x10] + pkcs1.dropFirst()),
            ("SET instead of the inner SEQUENCE", der(0x30, der(0x31, der(0x06, RSAPublicKey.rsaEncryptionObjectIdentifier) + [0x05, 0x00])
                                                       + der(0x03, [0] + pkcs1))),
            ("OID with a trailing extra arc", RSATestSupport.subjectPublicKeyInfo(pkcs1, algorithm: RSAPublicKey.rsaEncryptionObjectIdentifier + [0x01])),
            ("OID prefix only", RSATestSupport.subjectPublicKeyInfo(pkcs1, algorithm: Array(RSAPublicKey.rsaEncryptionObjectIdentifier.dropLast()))),
            ("sha256WithRSAEncryption OID", RSATestSupport.subjectPublicKeyInfo(pkcs1, algorithm: [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B])),
            ("parameters: empty SEQUENCE", RSATestSupport.subjectPublicKeyInfo(pkcs1, parameters: [0x30, 0x00])),
            ("parameters: NULL then extra NULL", RSATestSupport.subjectPublicKeyInfo(pkcs1, parameters: [0x05, 0x00, 0x05, 0x00])),
            ("SPKI nested in the BIT STRING", RSATestSupport.subjectPublicKeyInfo(key.der)),
            ("PKCS#1 wrapped twice", der(0x30, pkcs1)),
            ("modulus with two sign octets", der(0x30, der(0x02, [0x00, 0x00] + modulusTrimmed) + integer(Self.e65537))),
            ("exponent with a redundant zero octet", der(0x30, integer(key.modulus) + der(0x02, [0x00, 0x01, 0x00, 0x01]))),
            ("negative exponent", der(0x30, integer(key.modulus) + der(0x02, [0x81, 0x00, 0x01]))),
            ("BIT STRING with no octets at all", der(0x30, algorithm + [0x03, 0x00])),
            ("only the tag", [0x30]),
            ("end-of-contents octets after the key", key.der + [0x00, 0x00]),
        ]
        for (name, bytes) in cases {
            #expect(throws: RSAKeyError(.malformedEncoding, ""), "\(name)") {
                try RSAPublicKey(derRepresentation: bytes, minimumModulusBitCount: 1024)
            }
        }
        // Well-formed DER with meaningless values: refused by the key checks instead.
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) {
            try RSAPublicKey(derRepresentation: der(0x30, integer([0]) + integer(Self.e65537)), minimumModulusBitCount: 1024)
        }
        #expect(throws: RSAKeyError(.modulusTooSmall, ""), "exponent before modulus") {
            try RSAPublicKey(derRepresentation: der(0x30, integer(Self.e65537) + integer(key.modulus)), minimumModulusBitCount: 1024)
        }
    }

    @Test("A3.18 tiny moduli: 512, 768, 1023 bits are refused even when the caller lowers the floor")
    func tinyModuli() {
        for bits in [512, 768, 1023] {
            #expect(throws: RSAKeyError(.modulusTooSmall, ""), "\(bits)") {
                try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: bits), publicExponent: Self.e65537, minimumModulusBitCount: 0)
            }
        }
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) {
            try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 2047), publicExponent: Self.e65537)
        }
        #expect(throws: Never.self) {
            try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 1024), publicExponent: Self.e65537, minimumModulusBitCount: Int.min)
        }
    }

    @Test("A3.19 DoS levers: huge moduli and exponents are refused from their length alone")
    func hugeKeys() {
        // 8193 bits and a 1 MiB modulus: refused before any big-number work.
        #expect(throws: RSAKeyError(.modulusTooLarge, "")) {
            try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 8193), publicExponent: Self.e65537)
        }
        #expect(throws: RSAKeyError(.modulusTooLarge, "")) {
            try RSAPublicKey(modulus: [UInt8](repeating: 0xFF, count: 1 << 20), publicExponent: Self.e65537)
        }
        #expect(throws: RSAKeyError(.modulusTooLarge, "")) {
            try RSAPublicKey(derRepresentation: RSATestSupport.pkcs1(modulus: RSATestSupport.oddModulus(bitCount: 16384), exponent: Self.e65537))
        }
        // Exponents: 2^32 + 1 and a 512-octet exponent are refused; leading zeros alone are not a lever.
        let modulus = RSATestSupport.oddModulus(bitCount: 2048)
        #expect(throws: RSAKeyError(.invalidPublicExponent, "")) { try RSAPublicKey(modulus: modulus, publicExponent: [1, 0, 0, 0, 1]) }
        #expect(throws: RSAKeyError(.invalidPublicExponent, "")) {
            try RSAPublicKey(modulus: modulus, publicExponent: [UInt8](repeating: 0xFF, count: 512))
        }
        #expect(throws: Never.self) { try RSAPublicKey(modulus: modulus, publicExponent: [UInt8](repeating: 0, count: 1000) + [0xFF, 0xFF, 0xFF, 0xFF]) }
        #expect(throws: RSAKeyError(.invalidPublicExponent, "")) { try RSAPublicKey(modulus: modulus, publicExponent: []) }
        #expect(throws: RSAKeyError(.invalidPublicExponent, "")) { try RSAPublicKey(modulus: modulus, publicExponent: [1]) }
        #expect(throws: RSAKeyError(.invalidModulus, "")) { try RSAPublicKey(modulus: modulus.dropLast() + [0x02], publicExponent: Self.e65537) }
    }

    @Test("A3.16 lengths: a huge signature or message is refused without trapping")
    func hugeInputs() throws {
        let key = try RSAPublicKey(derRepresentation: RSATestSupport.wycheproofKey2048().der)
        let big = [UInt8](repeating: 0xFF, count: 1 << 20)
        #expect(!key.isValidSignature(big, for: [], padding: .pkcs1v15, digest: .sha256))
        #expect(!key.isValidSignature([UInt8](repeating: 0, count: 256), for: big, padding: .pss, digest: .sha512))
        #expect(!key.isValidSignature([UInt8](repeating: 0, count: 256), forMessageDigest: [1, 2, 3], padding: .pkcs1v15, digest: .sha256))
        #expect(!key.isValidSignature([UInt8](repeating: 0, count: 256), forMessageDigest: [UInt8](repeating: 0, count: 48), padding: .pss, digest: .sha256))
        // A lazy, non-contiguous collection takes the copying path and gets the same answer.
        #expect(!key.isValidSignature((0..<256).lazy.map { UInt8(truncatingIfNeeded: $0) }, for: [], padding: .pkcs1v15, digest: .sha256))
    }

    @Test("PSS with SHA-512 on a 1024-bit key (emLen < 2·hLen + 2) answers false, never traps")
    func pssTooSmallModulus() throws {
        let key = try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 1024), publicExponent: Self.e65537, minimumModulusBitCount: 1024)
        for value in [BigUInt(0), BigUInt(1), BigUInt(0xBC)] {
            #expect(!key.isValidSignature(value.bigEndianBytes(count: 128), for: [], padding: .pss, digest: .sha512))
        }
    }
}
