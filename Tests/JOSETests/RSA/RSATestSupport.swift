import Foundation
import Testing
@testable import JOSE

/// Loading and decoding helpers for the RSA tests (vector files live in `Vectors/wycheproof`).
enum RSATestSupport {
    /// Parses a Wycheproof vector file from the test bundle.
    static func wycheproof(_ fileName: String) throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil))
            .appendingPathComponent("wycheproof/\(fileName)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require(object as? [String: Any], "\(fileName) is not a JSON object")
    }

    /// A vector file that does not have the expected shape.
    struct VectorFormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// `object[key]` as a `T`, or a thrown error naming the key.
    static func field<T>(_ object: [String: Any], _ key: String, as type: T.Type = T.self) throws -> T {
        guard let value = object[key] as? T else { throw VectorFormatError(description: "missing or mistyped field \(key)") }
        return value
    }

    /// `object[key]` as a hex string, decoded.
    static func hexField(_ object: [String: Any], _ key: String) throws -> [UInt8] {
        try hex(try field(object, key, as: String.self))
    }

    /// Decodes a lowercase or uppercase hex string (Wycheproof's binary fields).
    static func hex(_ string: String) throws -> [UInt8] {
        let digits = Array(string.utf8)
        guard digits.count % 2 == 0 else { throw VectorFormatError(description: "odd-length hex") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else {
                throw VectorFormatError(description: "bad hex \(string.prefix(16))…")
            }
            return byte
        }
    }

    /// A DER element `tag ‖ length ‖ content` with a minimal length (for building test keys).
    static func der(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let count = content.count
        let length: [UInt8]
        switch count {
        case ..<0x80: length = [UInt8(count)]
        case ..<0x100: length = [0x81, UInt8(count)]
        default: length = [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        }
        return [tag] + length + content
    }

    /// A DER INTEGER for a non-negative big-endian magnitude.
    static func derUnsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        let trimmed = Array(magnitude.drop(while: { $0 == 0 }))
        let content = trimmed.isEmpty ? [0] : (trimmed[0] & 0x80 != 0 ? [0] + trimmed : trimmed)
        return der(0x02, content)
    }

    /// PKCS#1 RSAPublicKey DER.
    static func pkcs1(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
        der(0x30, derUnsignedInteger(modulus) + derUnsignedInteger(exponent))
    }

    /// SubjectPublicKeyInfo DER around a PKCS#1 key.
    static func subjectPublicKeyInfo(_ rsaPublicKey: [UInt8], algorithm: [UInt8] = RSAPublicKey.rsaEncryptionObjectIdentifier,
                                     parameters: [UInt8] = [0x05, 0x00]) -> [UInt8] {
        der(0x30, der(0x30, der(0x06, algorithm) + parameters) + der(0x03, [0] + rsaPublicKey))
    }

    /// PEM armour with 64-character lines.
    static func pem(_ label: String, _ der: [UInt8]) -> String {
        "-----BEGIN \(label)-----\n" + Data(der).base64EncodedString(options: .lineLength64Characters)
            + "\n-----END \(label)-----\n"
    }

    /// An odd modulus of exactly `bitCount` bits (not a real RSA modulus; enough for load checks).
    static func oddModulus(bitCount: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0x5A, count: (bitCount + 7) / 8)
        let topBits = bitCount % 8 == 0 ? 8 : bitCount % 8
        bytes[0] = UInt8(1 << (topBits - 1)) | 0x01
        bytes[bytes.count - 1] |= 1
        return bytes
    }

    /// The 2048-bit, e = 65537 key of `rsa_signature_2048_sha256_test.json`, group 0.
    static func wycheproofKey2048() throws -> (modulus: [UInt8], der: [UInt8], asn: [UInt8], pem: String) {
        let file = try wycheproof("rsa_signature_2048_sha256_test.json")
        let group = try #require((file["testGroups"] as? [[String: Any]])?.first)
        let publicKey = try #require(group["publicKey"] as? [String: Any])
        return (try hexField(publicKey, "modulus"), try hexField(group, "publicKeyDer"),
                try hexField(group, "publicKeyAsn"), try field(group, "publicKeyPem"))
    }
}
