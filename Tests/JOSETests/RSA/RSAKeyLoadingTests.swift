import Foundation
import Testing
@testable import JOSE

@Suite("RSA public key loading")
struct RSAKeyLoadingTests {
    private let e65537: [UInt8] = [0x01, 0x00, 0x01]

    @Test("The four encodings of one key load to equal keys with normalised fields")
    func encodingsAgree() throws {
        let key = try RSATestSupport.wycheproofKey2048()
        let fromRaw = try RSAPublicKey(modulus: key.modulus, publicExponent: [0, 0] + e65537)
        let fromSPKI = try RSAPublicKey(derRepresentation: key.der)
        let fromPKCS1 = try RSAPublicKey(derRepresentation: key.asn)
        let fromPEM = try RSAPublicKey(pemRepresentation: key.pem)
        let fromPKCS1PEM = try RSAPublicKey(pemRepresentation: RSATestSupport.pem("RSA PUBLIC KEY", key.asn))
        #expect(fromRaw == fromSPKI && fromSPKI == fromPKCS1 && fromPKCS1 == fromPEM && fromPEM == fromPKCS1PEM)
        #expect(fromRaw.modulusBitCount == 2048)
        #expect(fromRaw.signatureByteCount == 256)
        #expect(fromRaw.modulus.count == 256 && fromRaw.modulus.first != 0)  // the DER sign byte is gone
        #expect(fromRaw.publicExponent == e65537)
        #expect(Set([fromRaw, fromPEM]).count == 1)
    }

    @Test("Modulus size limits: 2048 by default, 1024 only when asked, never below, at most 8192")
    func modulusSize() throws {
        let small = RSATestSupport.oddModulus(bitCount: 1024)
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) { try RSAPublicKey(modulus: small, publicExponent: e65537) }
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) { try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 2047), publicExponent: e65537) }
        #expect(try RSAPublicKey(modulus: small, publicExponent: e65537, minimumModulusBitCount: 1024).modulusBitCount == 1024)
        // A lower minimum does not go below the 1024-bit floor.
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) {
            try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 1023), publicExponent: e65537, minimumModulusBitCount: 512)
        }
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) {
            try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 512), publicExponent: e65537, minimumModulusBitCount: 0)
        }
        #expect(try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 8192), publicExponent: e65537).modulusBitCount == 8192)
        #expect(throws: RSAKeyError(.modulusTooLarge, "")) { try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 8193), publicExponent: e65537) }
        #expect(throws: RSAKeyError(.modulusTooLarge, "")) { try RSAPublicKey(modulus: RSATestSupport.oddModulus(bitCount: 16384), publicExponent: e65537) }
        #expect(throws: RSAKeyError(.modulusTooSmall, "")) { try RSAPublicKey(modulus: [], publicExponent: e65537) }
    }

    @Test("An even modulus is refused")
    func evenModulus() {
        var modulus = RSATestSupport.oddModulus(bitCount: 2048)
        modulus[modulus.count - 1] &= 0xFE
        #expect(throws: RSAKeyError(.invalidModulus, "")) { try RSAPublicKey(modulus: modulus, publicExponent: e65537) }
    }

    @Test("Public exponent: odd, at least 3, below 2^32", arguments: [
        ([], false), ([0], false), ([1], false), ([2], false), ([0x01, 0x00, 0x00], false),
        ([0x01, 0x00, 0x00, 0x00, 0x01], false), ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], false),
        ([3], true), ([0x01, 0x00, 0x01], true), ([0, 0, 0, 0x01, 0x00, 0x01], true), ([0xFF, 0xFF, 0xFF, 0xFF], true),
    ] as [([UInt8], Bool)])
    func publicExponent(exponent: [UInt8], accepted: Bool) {
        let modulus = RSATestSupport.oddModulus(bitCount: 2048)
        if accepted {
            #expect(throws: Never.self) { try RSAPublicKey(modulus: modulus, publicExponent: exponent) }
        } else {
            #expect(throws: RSAKeyError(.invalidPublicExponent, "")) { try RSAPublicKey(modulus: modulus, publicExponent: exponent) }
        }
    }

    @Test("Malformed DER is refused")
    func malformedDER() throws {
        let key = try RSATestSupport.wycheproofKey2048()
        let pkcs1 = RSATestSupport.pkcs1(modulus: key.modulus, exponent: e65537)
        // Sanity: the builder reproduces Wycheproof's encodings byte for byte.
        #expect(pkcs1 == key.asn)
        #expect(RSATestSupport.subjectPublicKeyInfo(pkcs1) == key.der)
        let der = RSATestSupport.der
        let integer = RSATestSupport.derUnsignedInteger
        var cases: [(String, [UInt8])] = [
            ("trailing byte after SubjectPublicKeyInfo", key.der + [0x00]),
            ("trailing byte after RSAPublicKey", key.asn + [0x00]),
            ("trailing element inside RSAPublicKey", der(0x30, integer(key.modulus) + integer(e65537) + integer([1]))),
            ("trailing byte inside the BIT STRING", RSATestSupport.subjectPublicKeyInfo(pkcs1 + [0x00])),
            ("missing exponent", der(0x30, integer(key.modulus))),
            ("rsassa-pss OID", RSATestSupport.subjectPublicKeyInfo(pkcs1, algorithm: [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A])),
            ("absent NULL parameters", RSATestSupport.subjectPublicKeyInfo(pkcs1, parameters: [])),
            ("NULL with content", RSATestSupport.subjectPublicKeyInfo(pkcs1, parameters: [0x05, 0x01, 0x00])),
            ("negative modulus", der(0x30, der(0x02, key.modulus.drop(while: { $0 == 0 }).map { $0 }) + integer(e65537))),
            ("non-minimal integer", der(0x30, der(0x02, [0x00, 0x00] + key.modulus.drop(while: { $0 == 0 })) + integer(e65537))),
            ("empty integer", der(0x30, integer(key.modulus) + [0x02, 0x00])),
            ("truncated", Array(key.der.dropLast())),
            ("empty input", []),
            ("wrong outer tag", [0x31] + key.asn.dropFirst()),
        ]
        // Non-minimal length: 0x81 for a length below 128 (the exponent INTEGER).
        cases.append(("non-minimal length", der(0x30, integer(key.modulus) + [0x02, 0x81, 0x03] + e65537)))
        // Long form with a leading zero length byte.
        let content = integer(key.modulus) + integer(e65537)
        cases.append(("length with leading zero", [0x30, 0x83, 0x00, UInt8(content.count >> 8), UInt8(content.count & 0xFF)] + content))
        cases.append(("indefinite length", [0x30, 0x80] + content + [0x00, 0x00]))
        // BIT STRING with unused bits.
        cases.append(("BIT STRING unused bits", der(0x30, der(0x30, der(0x06, RSAPublicKey.rsaEncryptionObjectIdentifier) + [0x05, 0x00])
                                                     + der(0x03, [0x01] + pkcs1))))
        for (name, bytes) in cases {
            #expect(throws: RSAKeyError(.malformedEncoding, ""), "\(name)") { try RSAPublicKey(derRepresentation: bytes) }
        }
    }

    @Test("Malformed PEM is refused")
    func malformedPEM() throws {
        let key = try RSATestSupport.wycheproofKey2048()
        let cases: [(String, String)] = [
            ("PKCS#1 contents under PUBLIC KEY", RSATestSupport.pem("PUBLIC KEY", key.asn)),
            ("SubjectPublicKeyInfo under RSA PUBLIC KEY", RSATestSupport.pem("RSA PUBLIC KEY", key.der)),
            ("private key label", RSATestSupport.pem("PRIVATE KEY", key.der)),
            ("mismatched END label", key.pem.replacingOccurrences(of: "END PUBLIC KEY", with: "END RSA PUBLIC KEY")),
            ("no END line", key.pem.replacingOccurrences(of: "-----END PUBLIC KEY-----", with: "")),
            ("invalid base64", key.pem.replacingOccurrences(of: "MIIB", with: "M*IB")),
            ("two blocks", key.pem + key.pem),
            ("text before", "Key:\n" + key.pem),
            ("empty", ""),
        ]
        for (name, text) in cases {
            #expect(throws: RSAKeyError(.malformedEncoding, ""), "\(name)") { try RSAPublicKey(pemRepresentation: text) }
        }
        // Surrounding whitespace and CRLF line ends are fine.
        #expect(throws: Never.self) { try RSAPublicKey(pemRepresentation: "\n  " + key.pem.replacingOccurrences(of: "\n", with: "\r\n") + "\n\n") }
    }
}
