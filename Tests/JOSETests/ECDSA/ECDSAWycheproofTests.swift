import Foundation
import Testing
@testable import JOSE

/// Wycheproof ECDSA conformance (issue 3 items 5 and 10; attacks.md A3 #12–#14).
///
/// Policy: a vector marked `valid` must verify; `invalid` must be refused; the P1363 files have
/// no `acceptable` vectors, and any that appeared would be required to be refused. A group whose
/// key the loader refuses counts each of its vectors as refused (so it may hold only invalid ones).
/// The key comes from `publicKeyJwk` when the group has one (the JWS path), else from `wx`/`wy`;
/// `uncompressed` is cross-checked against it.
@Suite("ECDSA Wycheproof")
struct ECDSAWycheproofTests {
    struct VectorFile: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct Group: Decodable {
        let publicKey: PublicKey
        let publicKeyJwk: JWK?
        let sha: String
        let tests: [Vector]
    }

    struct PublicKey: Decodable {
        let curve: String
        let uncompressed: String
        let wx: String
        let wy: String
    }

    struct JWK: Decodable {
        let kty: String
        let crv: String
        let x: String
        let y: String
    }

    struct Vector: Decodable {
        let tcId: Int
        let comment: String
        let flags: [String]
        let msg: String
        let sig: String
        let result: String
    }

    static func load(_ name: String) throws -> VectorFile {
        let data = try Data(contentsOf: try ECTestSupport.vectorURL("wycheproof/\(name)"))
        return try JSONDecoder().decode(VectorFile.self, from: data)
    }

    /// Loads the group's key through the public API, or returns `nil` if the loader refuses it.
    static func key(for group: Group, fileName: String) throws -> ECPublicKey? {
        let curve: ECCurve = try #require(
            ["secp256r1": .p256, "secp384r1": .p384][group.publicKey.curve], "curve in \(fileName)")
        let fromCoordinates: ECPublicKey?
        if let jwk = group.publicKeyJwk {
            #expect(jwk.kty == "EC" && jwk.crv == curve.rawValue)
            fromCoordinates = try? ECPublicKey(
                curve: curve, x: try Base64URL.decode(jwk.x), y: try Base64URL.decode(jwk.y))
        } else if let x = ECTestSupport.fixedWidth(ECTestSupport.bytes(hex: group.publicKey.wx), count: curve.coordinateByteCount),
            let y = ECTestSupport.fixedWidth(ECTestSupport.bytes(hex: group.publicKey.wy), count: curve.coordinateByteCount)
        {
            fromCoordinates = try? ECPublicKey(curve: curve, x: x, y: y)
        } else {
            fromCoordinates = nil
        }
        let fromX963 = try? ECPublicKey(
            curve: curve, x963Representation: ECTestSupport.bytes(hex: group.publicKey.uncompressed))
        #expect(fromCoordinates == fromX963, "JWK/wx,wy and uncompressed forms disagree in \(fileName)")
        return fromCoordinates
    }

    static func digest(_ name: String) throws -> DigestAlgorithm {
        try #require(DigestAlgorithm(rawValue: name), "unknown sha \(name)")
    }

    @Test(
        "P1363 (raw r‖s) vectors: every valid verifies, every invalid is refused",
        arguments: [
            ("ecdsa_secp256r1_sha256_p1363_test.json", 262),
            ("ecdsa_secp384r1_sha384_p1363_test.json", 280),
        ])
    func p1363(fileName: String, expectedCount: Int) throws {
        let file = try Self.load(fileName)
        var checked = 0
        var validCount = 0
        for group in file.testGroups {
            let key = try Self.key(for: group, fileName: fileName)
            let digest = try Self.digest(group.sha)
            for vector in group.tests {
                checked += 1
                let shouldVerify = vector.result == "valid"
                if shouldVerify { validCount += 1 }
                let verified =
                    key?.isValidSignature(
                        ECTestSupport.bytes(hex: vector.sig), for: ECTestSupport.bytes(hex: vector.msg), digest: digest)
                    ?? false
                #expect(
                    verified == shouldVerify,
                    "\(fileName) tcId \(vector.tcId) (\(vector.comment), \(vector.flags)): expected \(vector.result)")
            }
        }
        print("wycheproof \(fileName): \(checked) vectors (\(validCount) valid, \(checked - validCount) invalid)")
        #expect(checked == file.numberOfTests)
        #expect(checked == expectedCount)
    }

    @Test(
        "DER vectors: a DER signature is always refused as a JWS signature; strict DER→raw conversion verifies the valid ones",
        arguments: [
            ("ecdsa_secp256r1_sha256_test.json", 484),
            ("ecdsa_secp384r1_sha384_test.json", 504),
        ])
    func der(fileName: String, expectedCount: Int) throws {
        let file = try Self.load(fileName)
        var checked = 0
        var convertedAndVerified = 0
        for group in file.testGroups {
            let key = try #require(try Self.key(for: group, fileName: fileName), "\(fileName): group key refused")
            let digest = try Self.digest(group.sha)
            for vector in group.tests {
                checked += 1
                let signature = ECTestSupport.bytes(hex: vector.sig)
                let message = ECTestSupport.bytes(hex: vector.msg)
                // JWS takes only raw r‖s: the DER bytes themselves must never verify.
                #expect(
                    !key.isValidSignature(signature, for: message, digest: digest),
                    "\(fileName) tcId \(vector.tcId): DER signature accepted as raw")
                // Test-only strict DER → raw conversion, then the same verifier.
                let raw = StrictDERSignature.raw(fromDER: signature, coordinateByteCount: key.curve.coordinateByteCount)
                let verified = raw.map { key.isValidSignature($0, for: message, digest: digest) } ?? false
                if verified { convertedAndVerified += 1 }
                #expect(
                    verified == (vector.result == "valid"),
                    "\(fileName) tcId \(vector.tcId) (\(vector.comment), \(vector.flags)): expected \(vector.result) after strict DER conversion")
            }
        }
        print("wycheproof \(fileName): \(checked) vectors refused as raw JWS signatures; \(convertedAndVerified) verify after strict DER→raw conversion")
        #expect(checked == file.numberOfTests)
        #expect(checked == expectedCount)
    }
}

/// A strict DER decoder for `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, for the
/// tests only (a JWS verifier never accepts DER). Refuses BER forms: indefinite or non-minimal
/// lengths, non-minimal or negative integers, extra elements and trailing bytes.
enum StrictDERSignature {
    static func raw(fromDER der: [UInt8], coordinateByteCount: Int) -> [UInt8]? {
        var position = 0
        func readLength() -> Int? {
            guard position < der.count else { return nil }
            let first = der[position]
            position += 1
            if first < 0x80 { return Int(first) }
            let byteCount = Int(first & 0x7f)
            guard byteCount >= 1, byteCount <= 2, position + byteCount <= der.count, der[position] != 0 else { return nil }
            var length = 0
            for _ in 0..<byteCount {
                length = length << 8 | Int(der[position])
                position += 1
            }
            return length >= 0x80 ? length : nil  // long form only when needed
        }
        func readInteger() -> [UInt8]? {
            guard position < der.count, der[position] == 0x02 else { return nil }
            position += 1
            guard let length = readLength(), length >= 1, position + length <= der.count else { return nil }
            var value = Array(der[position..<(position + length)])
            position += length
            guard value[0] & 0x80 == 0 else { return nil }  // negative
            if value.count > 1, value[0] == 0 {
                guard value[1] & 0x80 != 0 else { return nil }  // non-minimal
                value.removeFirst()
            }
            guard value.count <= coordinateByteCount else { return nil }
            return [UInt8](repeating: 0, count: coordinateByteCount - value.count) + value
        }
        guard der.first == 0x30 else { return nil }
        position = 1
        guard let sequenceLength = readLength(), position + sequenceLength == der.count,
            let r = readInteger(), let s = readInteger(), position == der.count
        else { return nil }
        return r + s
    }
}
