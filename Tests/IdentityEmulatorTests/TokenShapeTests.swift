import Synchronization
import Foundation
import JOSE
import Testing
@testable import IdentityEmulator

@Suite("Tokens, discovery and JWKS")
struct TokenShapeTests {
    typealias E = RunningEmulator

    @Test("header and claims exactly as Entra's managed-identity tokens")
    func claims() async throws {
        let running = try await E.shared.value
        let issued = try running.emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
        let parts = issued.accessToken.split(separator: ".")
        let kid = running.emulator.currentKeyID
        #expect(try Base64URL.decode(parts[0]) == Array(#"{"typ":"JWT","alg":"RS256","x5t":"\#(kid)","kid":"\#(kid)"}"#.utf8))
        let claims = try JSONBody.decodePart(parts[1])
        #expect(claims.names == ["aud", "iss", "iat", "nbf", "exp", "aio", "appid", "appidacr", "idp", "idtyp", "oid", "rh", "roles",
                                 "sub", "tid", "uti", "ver", "xms_mirid"])
        let issuer = "https://sts.windows.net/\(E.tenant)/"
        #expect(claims["aud"] == "api://aad-func")
        #expect(claims["iss"]?.stringValue == issuer)
        #expect(claims["idp"]?.stringValue == issuer)
        #expect(claims["appid"]?.stringValue == E.msiFunc.clientID)
        #expect(claims["appidacr"] == "2")
        #expect(claims["idtyp"] == "app")
        #expect(claims["oid"]?.stringValue == E.msiFunc.objectID)
        #expect(claims["sub"]?.stringValue == E.msiFunc.objectID)
        #expect(claims["tid"]?.stringValue == E.tenant)
        #expect(claims["ver"] == "1.0")
        #expect(claims["xms_mirid"]?.stringValue == E.msiFunc.resourceID)
        #expect(claims["roles"] == ["DoAll"])
        let iat = try #require(JSONBody.int(claims["iat"]))
        #expect(JSONBody.int(claims["nbf"]) == iat)
        #expect(JSONBody.int(claims["exp"]) == iat + 86_700)
        #expect(abs(iat - Int(Date().timeIntervalSince1970)) < 60)
        let uti = try #require(claims["uti"]?.stringValue)
        #expect(try Base64URL.decode(uti).count == 16)
        #expect(claims["rh"]?.stringValue?.hasPrefix("0.") == true)
        let other = try running.emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
        #expect(other.claims["uti"] != claims["uti"])
    }

    @Test("issueToken refuses unknown identities and resources with typed reasons")
    func issueErrors() async throws {
        let running = try await E.shared.value
        #expect(throws: TokenRequestError(.unknownIdentity, "no identity is named \"nobody\"")) {
            try running.emulator.issueToken(identity: "nobody", resource: "api://aad-func")
        }
        do {
            _ = try running.emulator.issueToken(identity: "msi-func", resource: "api://aad-func/.default")
            Issue.record("a /.default scope was accepted as a resource")
        } catch {
            #expect(error.reason == .unknownResource)
        }
    }

    @Test("v1 discovery names the sts.windows.net issuer and a loopback jwks_uri; v2 the login.microsoftonline.com issuer")
    func discovery() async throws {
        let running = try await E.shared.value
        let v1 = try JSONBody.object(running.get("/\(E.tenant)/.well-known/openid-configuration"))
        #expect(v1["issuer"]?.stringValue == "https://sts.windows.net/\(E.tenant)/")
        #expect(v1["jwks_uri"]?.stringValue == "\(running.base)/\(E.tenant)/discovery/keys")
        #expect(v1["id_token_signing_alg_values_supported"] == ["RS256"])
        let v2 = try JSONBody.object(running.get("/\(E.tenant)/v2.0/.well-known/openid-configuration"))
        #expect(v2["issuer"]?.stringValue == "https://login.microsoftonline.com/\(E.tenant)/v2.0")
        #expect(v2["jwks_uri"]?.stringValue == "\(running.base)/\(E.tenant)/discovery/v2.0/keys")
        #expect(try await running.emulator.authority == "\(running.base)/\(E.tenant)/")
        let other = try running.get("/00000000-0000-0000-0000-000000000000/.well-known/openid-configuration")
        #expect(other.status == 400)
        #expect(try JSONBody.object(other)["error"] == "invalid_tenant")
    }

    @Test("tokens from both endpoints verify with JWSVerifier against the JWKS found through discovery")
    func verifiesAgainstServedKeys() async throws {
        let running = try await E.shared.value
        let discovery = try JSONBody.object(running.get("/\(E.tenant)/.well-known/openid-configuration"))
        let jwksURI = try #require(discovery["jwks_uri"]?.stringValue)
        let keysResponse = try running.get(String(jwksURI.dropFirst(running.base.count)))
        let keys = try JWKSet(parsing: keysResponse.body)
        let jwk = try #require(keys.keys.first)
        #expect(jwk.keyID == running.emulator.currentKeyID)
        #expect(jwk.x509CertificateSHA1Thumbprint == jwk.keyID)
        #expect(try JSONBody.object(running.get("/\(E.tenant)/discovery/v2.0/keys")) == JSONBody.object(keysResponse))
        let verifier = JWSVerifier(keys: keys, algorithms: [.rs256])
        let appService = try JSONBody.object(running.appService("api-version=2019-08-01&resource=api://aad-func"))
        let imds = try JSONBody.object(running.imds("api-version=2018-02-01&resource=api://aad-func"))
        for body in [appService, imds] {
            let verified = try verifier.verify(try #require(body["access_token"]?.stringValue))
            #expect(verified.claims?["aud"] == "api://aad-func")
        }
        var tampered = Array(try #require(appService["access_token"]?.stringValue).utf8)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: JOSEError.self) { try verifier.verify(String(decoding: tampered, as: UTF8.self)) }
    }

    @Test("POST /emulator/rotate-keys: old tokens verify during the overlap, not after the next rotation")
    func rotation() async throws {
        let keys = TestKeys.rotation
        let counter = Counter()
        let running = try await RunningEmulator(identityHeader: "test-secret", keyGenerator: { keys[counter.next() % keys.count] })
        defer { running.emulator.shutdown() }
        let first = try running.emulator.issueToken(identity: "msi-func", resource: "api://aad-func")
        let rotated = try LoopbackClient.send(port: running.port, method: "POST", target: "/emulator/rotate-keys")
        #expect(rotated.status == 200)
        let answer = try JSONBody.object(rotated)
        let newKID = try #require(answer["kid"]?.stringValue)
        #expect(newKID != first.keyID)
        #expect(answer["keys"] == .array([.string(newKID), .string(first.keyID)]))
        let second = try JSONBody.object(running.appService("api-version=2019-08-01&resource=api://aad-func"))
        let secondToken = try #require(second["access_token"]?.stringValue)
        let overlap = try running.servedVerifier()
        #expect(try overlap.verify(first.accessToken).keyID == first.keyID)
        #expect(try overlap.verify(secondToken).keyID == newKID)
        _ = try LoopbackClient.send(port: running.port, method: "POST", target: "/emulator/rotate-keys")
        let after = try running.servedVerifier()
        do {
            _ = try after.verify(first.accessToken)
            Issue.record("a token of a withdrawn key still verified")
        } catch {
            #expect(error.reason == .keyNotFound)
        }
        #expect(try after.verify(secondToken).keyID == newKID)
    }
}

/// A thread-safe counter for key generators.
final class Counter: Sendable {
    private let value = Synchronization.Mutex(0)
    func next() -> Int { value.withLock { count in defer { count += 1 }; return count } }
}

@Suite("Tokens for testing refusals")
struct RefusalTokenTests {
    typealias E = RunningEmulator

    @Test("issueToken(issuedAt:) backdates iat and nbf, and exp follows from the lifetime")
    func backdated() async throws {
        let running = try await E.shared.value
        let issued = try running.emulator.issueToken(identity: "msi-func", resource: "api://aad-func", issuedAt: 1_000_000)
        #expect(issued.issuedAt == 1_000_000)
        #expect(issued.expiresOn == 1_000_000 + EmulatorConfiguration.defaultTokenLifetimeSeconds)
        #expect(issued.claims["iat"]?.numberValue?.int64Value == 1_000_000)
        #expect(issued.claims["exp"]?.numberValue?.int64Value == Int64(1_000_000 + EmulatorConfiguration.defaultTokenLifetimeSeconds))
    }

    @Test("the default tenant mints Microsoft Graph tokens (aud as requested, no roles)")
    func graphToken() async throws {
        let running = try await E.shared.value
        let issued = try running.emulator.issueToken(identity: "msi-func", resource: "https://graph.microsoft.com")
        #expect(issued.claims["aud"]?.stringValue == "https://graph.microsoft.com")
        #expect(issued.claims["roles"] == nil)
    }
}
