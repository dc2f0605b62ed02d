import Foundation
import Testing
@testable import JOSE

/// The development signer: every token it mints verifies with ``JWSVerifier`` against the
/// public JWK, any tampering breaks it, the header is exactly what Entra sends, misfits between
/// algorithm and key are refused, and PyJWT (an independent implementation) accepts the tokens.
@Suite("JWSSigner")
struct JWSSignerTests {
    typealias Support = JWSTestSupport

    /// RFC 7515 A.2's 2048-bit RSA key (avoids generating one in a debug build).
    static func rsaKey() throws -> RSAPrivateKey {
        let jwk = try #require(try Support.rfc7515Example("A.2")["jwk"]?.objectValue)
        func bytes(_ name: String) throws -> [UInt8] { try Base64URL.decode(try #require(jwk[name]?.stringValue)) }
        return try RSAPrivateKey(modulus: try bytes("n"), publicExponent: try bytes("e"), privateExponent: try bytes("d"),
                                 prime1: try bytes("p"), prime2: try bytes("q"))
    }

    static func key(for algorithm: JWSAlgorithm) throws -> JWSSigningKey {
        switch algorithm.family {
        case .ecdsa: .ec(ECPrivateKey.generate(curve: try #require(algorithm.curve)))
        default: .rsa(try rsaKey())
        }
    }

    static let signable: [JWSAlgorithm] = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512, .es256, .es384]
    static let claims: JSONObject = object(["iss": "https://sts.windows.net/t/", "sub": "alice", "roles": ["DoAll"], "exp": 4102444800])

    /// A JSON object literal.
    static func object(_ value: JSONValue) -> JSONObject { value.objectValue ?? JSONObject() }

    @Test("every algorithm's token verifies against the public JWK and carries the claims", arguments: signable)
    func roundTrip(algorithm: JWSAlgorithm) throws {
        let signer = try JWSSigner(key: try Self.key(for: algorithm), algorithm: algorithm, keyID: "k1")
        let token = signer.sign(Self.claims)
        let verifier = JWSVerifier(keys: try JWKSet(keys: [signer.publicJWK]), algorithms: [algorithm])
        let verified = try verifier.verify(token)
        #expect(verified.algorithm == algorithm)
        #expect(verified.claims == Self.claims)
        #expect(verified.keyID == "k1")
    }

    @Test("a tampered payload, header or signature no longer verifies", arguments: [JWSAlgorithm.rs256, .ps256, .es256])
    func tampering(algorithm: JWSAlgorithm) throws {
        let signer = try JWSSigner(key: try Self.key(for: algorithm), algorithm: algorithm, keyID: "k1")
        let token = signer.sign(Self.claims)
        let verifier = JWSVerifier(keys: try JWKSet(keys: [signer.publicJWK]), algorithms: [algorithm])
        let parts = token.split(separator: ".").map(String.init)
        let forgedPayload = Base64URL.encode(JSONWriter.serializedBytes(["iss": "https://sts.windows.net/t/", "sub": "mallory", "roles": ["DoAll"], "exp": 4102444800]))
        #expect(Support.refusal(verifier, [parts[0], forgedPayload, parts[2]].joined(separator: ".")) == .invalidSignature)
        var signature = try Base64URL.decode(parts[2])
        signature[signature.count / 2] ^= 0x01
        #expect(Support.refusal(verifier, [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: ".")) == .invalidSignature)
        let otherHeader = Base64URL.encode(Array(#"{"typ":"JWT","alg":"\#(algorithm.rawValue)","kid":"k1","x":1}"#.utf8))
        #expect(Support.refusal(verifier, [otherHeader, parts[1], parts[2]].joined(separator: ".")) == .invalidSignature)
        #expect(Support.refusal(verifier, token) == nil)
    }

    @Test("the header is typ, alg, x5t, kid in Entra's order, then the extra members")
    func headerBytes() throws {
        let signer = try JWSSigner(key: .rsa(try Self.rsaKey()), algorithm: .rs256, keyID: "abc", x509Thumbprint: "abc",
                                   extraHeaderMembers: Self.object(["nonce": "n1"]))
        let token = signer.sign(Self.object(["a": 1]))
        let parts = token.split(separator: ".").map(String.init)
        #expect(try Base64URL.decode(parts[0]) == Array(#"{"typ":"JWT","alg":"RS256","x5t":"abc","kid":"abc","nonce":"n1"}"#.utf8))
        #expect(try Base64URL.decode(parts[1]) == Array(#"{"a":1}"#.utf8))
        #expect(signer.publicJWK.x509CertificateSHA1Thumbprint == "abc")
        let bare = try JWSSigner(key: .rsa(try Self.rsaKey()), algorithm: .ps256)
        #expect(try Base64URL.decode(bare.sign(Self.object(["a": 1])).split(separator: ".")[0]) == Array(#"{"typ":"JWT","alg":"PS256"}"#.utf8))
    }

    @Test("an algorithm that does not fit the key is refused with a typed reason")
    func mismatches() throws {
        let rsa = JWSSigningKey.rsa(try Self.rsaKey())
        let p256 = JWSSigningKey.ec(ECPrivateKey.generate(curve: .p256))
        func reason(_ key: JWSSigningKey, _ algorithm: JWSAlgorithm, extra: JSONObject = JSONObject()) -> JWSSignerError.Reason? {
            do {
                _ = try JWSSigner(key: key, algorithm: algorithm, keyID: "k", extraHeaderMembers: extra)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason(rsa, .es256) == .algorithmKeyMismatch)
        #expect(reason(p256, .rs256) == .algorithmKeyMismatch)
        #expect(reason(p256, .ps256) == .algorithmKeyMismatch)
        #expect(reason(p256, .es384) == .algorithmKeyMismatch)
        #expect(reason(rsa, .hs256) == .unsupportedAlgorithm)
        #expect(reason(rsa, .rs256, extra: Self.object(["alg": "none"])) == .reservedHeaderMember)
        #expect(reason(rsa, .rs256, extra: Self.object(["crit": ["b64"]])) == .reservedHeaderMember)
        #expect(reason(p256, .es256) == nil)
    }

    @Test("PyJWT verifies the tokens (independent implementation)",
          .enabled(if: PyJWT.isAvailable, "python3 with PyJWT and cryptography is not installed (pip install pyjwt cryptography)"),
          arguments: [JWSAlgorithm.rs256, .ps256, .es256, .es384])
    func pyJWT(algorithm: JWSAlgorithm) throws {
        let signer = try JWSSigner(key: try Self.key(for: algorithm), algorithm: algorithm, keyID: "k1")
        let token = signer.sign(Self.claims)
        let result = try PyJWT.decode(token: token, jwk: signer.publicJWK, algorithm: algorithm)
        #expect(result == "ok " + JSONWriter.serialize(.object(Self.claims)))
        var tampered = Array(token.utf8)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let refused = try PyJWT.decode(token: String(decoding: tampered, as: UTF8.self), jwk: signer.publicJWK, algorithm: algorithm)
        #expect(refused.hasPrefix("error "))
    }
}

/// Runs PyJWT in a subprocess; used only when python3, PyJWT and cryptography are installed.
enum PyJWT {
    static let isAvailable: Bool = (try? run(script: "import jwt, cryptography", input: "")) == ""

    static let verifyScript = """
        import sys, json, jwt
        request = json.load(sys.stdin)
        key = jwt.PyJWK(request["jwk"]).key
        try:
            claims = jwt.decode(request["token"], key, algorithms=[request["alg"]], options={"verify_aud": False, "verify_exp": False})
            print("ok " + json.dumps(claims, separators=(",", ":")))
        except Exception as error:
            print("error " + type(error).__name__)
        """

    static func decode(token: String, jwk: JWK, algorithm: JWSAlgorithm) throws -> String {
        let request: JSONValue = ["token": .string(token), "jwk": .object(jwk.jsonObject), "alg": .string(algorithm.rawValue)]
        return try run(script: verifyScript, input: JSONWriter.serialize(request)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func run(script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: output, as: UTF8.self)
    }
}
