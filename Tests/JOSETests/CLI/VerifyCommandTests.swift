import Foundation
import Testing
@testable import JOSE

/// Runs the built `entra-auth` binary (a dependency of this test target) as a subprocess.
@Suite("entra-auth verify (CLI)")
struct VerifyCommandTests {
    private func run(_ arguments: [String], stdin: String = "") throws -> CLIProcess.Run {
        try CLIProcess.run(arguments, stdin: stdin)
    }

    /// Writes a JWK Set with the shared HMAC key to a temporary file.
    private func writeKeySet() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("entra-auth-verify-\(UUID().uuidString).json")
        let document = #"{"keys":[{"kty":"oct","kid":"hmac-1","use":"sig","k":"\#(Base64URL.encode(JWSTestSupport.hmacSecret))"}]}"#
        try Data(document.utf8).write(to: url)
        return url
    }

    private let header = #"{"alg":"HS256","kid":"hmac-1"}"#

    @Test func printsValidLinesWithCompactPayloadAndExitsZero() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let first = JWSTestSupport.hmacToken(header: header, payload: "{ \"sub\" : \"alice\",\n \"roles\":[\"DoAll\"] }", secret: JWSTestSupport.hmacSecret)
        let second = JWSTestSupport.hmacToken(header: header, payload: #"{"sub":"bob"}"#, secret: JWSTestSupport.hmacSecret)
        let result = try run(["verify", "--jwks", jwks.path, "--algorithms", "HS256"], stdin: first + "\n" + second + "\r\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "valid {\"sub\":\"alice\",\"roles\":[\"DoAll\"]}\nvalid {\"sub\":\"bob\"}\n")
    }

    @Test func printsInvalidReasonsAndExitsOne() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let valid = JWSTestSupport.hmacToken(header: header, payload: #"{"sub":"alice"}"#, secret: JWSTestSupport.hmacSecret)
        let wrongKey = JWSTestSupport.hmacToken(header: header, payload: #"{"sub":"eve"}"#, secret: [UInt8](repeating: 1, count: 32))
        let none = JWSTestSupport.signingInput(header: #"{"alg":"none"}"#, payload: #"{"sub":"eve"}"#) + "."
        let lines = [valid, wrongKey, none, "garbage", ""]
        let result = try run(["verify", "--jwks=\(jwks.path)", "--algorithms=HS256,RS256"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        let output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(output.count == 6)
        #expect(output[0] == #"valid {"sub":"alice"}"#)
        #expect(output[1].hasPrefix("invalid invalidSignature: "))
        #expect(output[2].hasPrefix("invalid algorithmNone: "))
        #expect(output[3].hasPrefix("invalid malformed: "))
        #expect(output[4].hasPrefix("invalid malformed: "))
        #expect(output[5] == "")
    }

    @Test func defaultAllowListIsRS256Only() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let token = JWSTestSupport.hmacToken(header: header, payload: #"{"sub":"alice"}"#, secret: JWSTestSupport.hmacSecret)
        let result = try run(["verify", "--jwks", jwks.path], stdin: token + "\n")
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("invalid algorithmNotAllowed: "))
    }

    @Test func emptyInputIsSuccess() throws {
        let jwks = try writeKeySet()
        defer { try? FileManager.default.removeItem(at: jwks) }
        let result = try run(["verify", "--jwks", jwks.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        [String](),
        ["frobnicate"],
        ["verify"],
        ["verify", "--jwks"],
        ["verify", "--jwks", "/nonexistent/keys.json"],
        ["verify", "--jwks", "x", "--algorithms", "none"],
        ["verify", "--jwks", "x", "--algorithms", "RS256,"],
        ["verify", "--jwks", "x", "--jwks", "y"],
        ["verify", "--jwks", "x", "--color"],
        ["verify", "--jwks", "x", "extra"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.contains("usage: entra-auth"), "\(arguments)")
        #expect(result.stdout.isEmpty)
    }

    @Test func refusedKeySetFileIsAConfigurationError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("entra-auth-bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"keys":[{"kty":"oct","k":"AA","k":"AA"}]}"#.utf8).write(to: url)
        let result = try run(["verify", "--jwks", url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("duplicateMember"))
    }

    @Test func helpPrintsUsageAndExitsZero() throws {
        let top = try run(["--help"])
        #expect(top.status == 0)
        #expect(top.stdout.contains("verify"))
        let verify = try run(["verify", "--help"])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("--jwks FILE"))
    }

    @Test("help and summary say verify checks signatures only and point to inspect")
    func helpSaysSignaturesOnly() throws {
        let top = try run(["--help"])
        let summary = try #require(top.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("verify") })
        #expect(summary.contains("signatures only"))
        let verify = try run(["verify", "--help"]).stdout
        #expect(verify.contains("checks signatures only"))
        for unchecked in ["Issuer", "audience", "expiry"] { #expect(verify.contains(unchecked), "\(unchecked)") }
        #expect(verify.contains("entra-auth inspect"))
    }
}
