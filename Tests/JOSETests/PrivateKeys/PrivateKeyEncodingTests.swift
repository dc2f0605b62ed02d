import Foundation
import Testing
@testable import JOSE

/// Development private keys in and out of JWK, PKCS #8, PKCS #1 and SEC 1, checked against keys,
/// encodings and signatures made by Python `cryptography` (Vectors/private-keys/PROVENANCE.md).
@Suite("Private keys: JWK, PKCS #8, PKCS #1 and SEC 1 in both directions")
struct PrivateKeyEncodingTests {
    static func vectors() throws -> JSONValue { try JWSTestSupport.loadJSON("private-keys/private_keys.json") }
    static var message: [UInt8] { Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXYifQ".utf8) }

    /// Parses JSON text as an object (for JWKs we serialized).
    static func object(_ text: String) throws -> JSONObject {
        try #require(try JSONReader.parse(text).objectValue)
    }

    @Test("RSA: PKCS #8 and PKCS #1 PEM load, re-encode byte for byte, and sign exactly as cryptography did", arguments: 0..<2)
    func rsaPEM(index: Int) throws {
        let vector = try #require(try Self.vectors()["rsa"]?.arrayValue?[index])
        let pkcs8 = try #require(vector["pkcs8_pem"]?.stringValue)
        let pkcs1 = try #require(vector["pkcs1_pem"]?.stringValue)
        let jwk = try #require(vector["jwk"]?.objectValue)
        let fromPKCS8 = try RSAPrivateKey(pemRepresentation: pkcs8)
        let fromPKCS1 = try RSAPrivateKey(pemRepresentation: pkcs1)
        let fromJWK = try RSAPrivateKey(jwk: jwk)
        #expect(fromPKCS8.publicKey.modulusBitCount == Int(vector["bits"]?.numberValue?.int64Value ?? 0))
        for key in [fromPKCS8, fromPKCS1, fromJWK] {
            #expect(key.pkcs8PEMRepresentation == pkcs8)
            #expect(key.pkcs1PEMRepresentation == pkcs1)
            #expect(key.jwk() == jwk)
            // RSASSA-PKCS1-v1_5 is deterministic: the same key must give cryptography's bytes.
            let signature = key.signature(for: Self.message, padding: .pkcs1v15, digest: .sha256)
            #expect(Base64URL.encode(signature) == vector["rs256_signature"]?.stringValue)
        }
        #expect(try RSAPrivateKey(derRepresentation: fromPKCS1.pkcs8DERRepresentation).pkcs1DERRepresentation == fromPKCS1.pkcs1DERRepresentation)
        #expect(fromJWK.jwk(keyID: "dev-1")["kid"]?.stringValue == "dev-1")
    }

    @Test("EC: PKCS #8 and SEC 1 PEM load, re-encode byte for byte, and verify cryptography's signature", arguments: 0..<2)
    func ecPEM(index: Int) throws {
        let vector = try #require(try Self.vectors()["ec"]?.arrayValue?[index])
        let pkcs8 = try #require(vector["pkcs8_pem"]?.stringValue)
        let sec1 = try #require(vector["sec1_pem"]?.stringValue)
        let jwk = try #require(vector["jwk"]?.objectValue)
        let digest: DigestAlgorithm = vector["crv"]?.stringValue == "P-256" ? .sha256 : .sha384
        for key in [try ECPrivateKey(pemRepresentation: pkcs8), try ECPrivateKey(pemRepresentation: sec1), try ECPrivateKey(jwk: jwk)] {
            #expect(key.pkcs8PEMRepresentation == pkcs8)
            #expect(key.sec1PEMRepresentation == sec1)
            #expect(key.jwk() == jwk)
            let theirs = try Base64URL.decode(try #require(vector["signature"]?.stringValue))
            #expect(key.publicKey.isValidSignature(theirs, for: Self.message, digest: digest))
            #expect(key.publicKey.isValidSignature(key.signature(for: Self.message, digest: digest), for: Self.message, digest: digest))
        }
    }

    @Test("generated keys round-trip through every encoding")
    func generatedRoundTrips() throws {
        let rsa = RSAPrivateKey.generate()
        for again in [try RSAPrivateKey(pemRepresentation: rsa.pkcs8PEMRepresentation),
                      try RSAPrivateKey(pemRepresentation: rsa.pkcs1PEMRepresentation),
                      try RSAPrivateKey(jwk: try Self.object(JSONWriter.serialize(.object(rsa.jwk(keyID: "k")))))] {
            #expect(again.publicKey == rsa.publicKey && again.privateExponent == rsa.privateExponent)
        }
        for curve in ECCurve.allCases {
            let ec = ECPrivateKey.generate(curve: curve)
            for again in [try ECPrivateKey(pemRepresentation: ec.pkcs8PEMRepresentation),
                          try ECPrivateKey(pemRepresentation: ec.sec1PEMRepresentation),
                          try ECPrivateKey(jwk: try Self.object(JSONWriter.serialize(.object(ec.jwk()))))] {
                #expect(again.scalar == ec.scalar && again.publicKey == ec.publicKey)
            }
        }
    }

    @Test("inconsistent, mislabelled, multi-prime and unsupported keys are refused with a reason")
    func refusals() throws {
        let vectors = try Self.vectors()
        let rsaJWK = try #require(vectors["rsa"]?.arrayValue?.first?["jwk"]?.objectValue)
        func rsaReason(_ body: () throws(RSAKeyError) -> RSAPrivateKey) -> RSAKeyError.Reason? {
            do { _ = try body(); return nil } catch { return error.reason }
        }
        func ecReason(_ body: () throws(ECKeyError) -> ECPrivateKey) -> ECKeyError.Reason? {
            do { _ = try body(); return nil } catch { return error.reason }
        }
        func replacing(_ jwk: JSONObject, _ name: String, with value: JSONValue?) -> JSONObject {
            var members = jwk.members.filter { $0.name != name }
            if let value { members.append(JSONObject.Member(name: name, value: value)) }
            return JSONObject(members)
        }
        let wrongDP = Base64URL.encode([UInt8](repeating: 1, count: 128))
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(jwk: replacing(rsaJWK, "dp", with: .string(wrongDP))) } == .invalidPrivateKey)
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(jwk: replacing(rsaJWK, "q", with: nil)) } == .malformedEncoding)
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(jwk: replacing(rsaJWK, "oth", with: .array([]))) } == .malformedEncoding)
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(jwk: replacing(rsaJWK, "kty", with: .string("EC"))) } == .malformedEncoding)
        // The DP/DQ/QI members are optional in a JWK.
        let minimal = ["dp", "dq", "qi"].reduce(rsaJWK) { replacing($0, $1, with: nil) }
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(jwk: minimal) } == nil)

        let pkcs1 = try #require(vectors["rsa"]?.arrayValue?.first?["pkcs1_pem"]?.stringValue)
        let mislabelled = pkcs1.replacingOccurrences(of: "RSA PRIVATE KEY", with: "PRIVATE KEY")
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(pemRepresentation: mislabelled) } == .malformedEncoding)
        let ecPKCS8 = try #require(vectors["ec"]?.arrayValue?.first?["pkcs8_pem"]?.stringValue)
        #expect(rsaReason { () throws(RSAKeyError) in try RSAPrivateKey(pemRepresentation: ecPKCS8) } == .malformedEncoding)
        let rsaPKCS8 = try #require(vectors["rsa"]?.arrayValue?.first?["pkcs8_pem"]?.stringValue)
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(pemRepresentation: rsaPKCS8) } == .malformedPrivateKey)
        let p521 = try #require(vectors["p521_sec1_pem"]?.stringValue)
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(pemRepresentation: p521) } == .unsupportedCurve)

        let ecJWK = try #require(vectors["ec"]?.arrayValue?.first?["jwk"]?.objectValue)
        let otherX = Base64URL.encode(ECPrivateKey.generate(curve: .p256).publicKey.x)
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(jwk: replacing(ecJWK, "x", with: .string(otherX))) } == .publicKeyMismatch)
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(jwk: replacing(ecJWK, "crv", with: .string("P-521"))) } == .unsupportedCurve)
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(jwk: replacing(ecJWK, "d", with: nil)) } == .malformedPrivateKey)
        // A SEC 1 key whose stored public key is someone else's.
        let key = try ECPrivateKey(jwk: ecJWK)
        let other = ECPrivateKey.generate(curve: .p256)
        let forged = DERWriter.sequence([
            DERWriter.integer(1), DERWriter.octetString(key.scalar),
            DERWriter.explicit(0, DERWriter.objectIdentifier(ECCurve.p256.objectIdentifier)),
            DERWriter.explicit(1, DERWriter.bitString(other.publicKey.x963Representation)),
        ])
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(derRepresentation: forged) } == .publicKeyMismatch)
        #expect(ecReason { () throws(ECKeyError) in try ECPrivateKey(derRepresentation: key.sec1DERRepresentation + [0]) } == .malformedPrivateKey)
    }

    @Test("RSA key generation refuses bad sizes with a typed error instead of trapping",
          arguments: [(0, RSAKeyError.Reason.modulusTooSmall), (-8, .modulusTooSmall), (1024, .modulusTooSmall),
                      (2047, .modulusTooSmall), (8200, .modulusTooLarge), (Int.max, .modulusTooLarge),
                      (2050, .invalidBitCount), (3001, .invalidBitCount)])
    func generationRefusesBadSizes(bitCount: Int, reason: RSAKeyError.Reason) {
        do {
            _ = try RSAPrivateKey.generate(bitCount: bitCount)
            Issue.record("\(bitCount) bits generated a key")
        } catch {
            #expect(error.reason == reason, "\(bitCount)")
        }
    }

    /// Whether `python3` can import `cryptography` here (the live cross-check needs it).
    static let pythonCryptographyAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import cryptography"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("live cross-check: cryptography loads our PEMs and its signatures verify with our public keys",
          .enabled(if: pythonCryptographyAvailable, "python3 with cryptography is not installed"))
    func pythonLoadsOurKeys() throws {
        let rsa = RSAPrivateKey.generate()
        let ec = ECPrivateKey.generate(curve: .p256)
        let script = """
            import sys, base64
            from cryptography.hazmat.primitives import serialization as s, hashes
            from cryptography.hazmat.primitives.asymmetric import padding, ec
            from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
            pems = sys.stdin.read().split("=====\\n")
            msg = b"cross-check"
            out = []
            for pem in pems[:2]:
                k = s.load_pem_private_key(pem.encode(), None)
                out.append(base64.b64encode(k.sign(msg, padding.PKCS1v15(), hashes.SHA256())).decode())
            for pem in pems[2:]:
                k = s.load_pem_private_key(pem.encode(), None)
                r, t = decode_dss_signature(k.sign(msg, ec.ECDSA(hashes.SHA256())))
                out.append(base64.b64encode(r.to_bytes(32, "big") + t.to_bytes(32, "big")).decode())
            print("\\n".join(out))
            """
        let input = [rsa.pkcs8PEMRepresentation, rsa.pkcs1PEMRepresentation, ec.pkcs8PEMRepresentation, ec.sec1PEMRepresentation]
            .joined(separator: "=====\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let signatures = output.split(separator: "\n").compactMap { Data(base64Encoded: String($0)).map(Array.init) }
        try #require(signatures.count == 4)
        let message = Array("cross-check".utf8)
        let ours = rsa.signature(for: message, padding: .pkcs1v15, digest: .sha256)
        #expect(signatures[0] == ours && signatures[1] == ours)
        #expect(ec.publicKey.isValidSignature(signatures[2], for: message, digest: .sha256))
        #expect(ec.publicKey.isValidSignature(signatures[3], for: message, digest: .sha256))
    }
}
