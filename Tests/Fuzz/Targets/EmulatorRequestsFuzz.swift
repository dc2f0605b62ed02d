// libFuzzer target: the identity emulator's request handling (its router through
// `router.testClient()`: the real parser, routing, the App Service and IMDS token endpoints,
// discovery, JWKS and key rotation).
//
// Input: byte 0 picks the method (GET, POST, HEAD, PUT) and whether the client is on loopback
// (bit 2); the rest is split at LF: the first piece is the request target, every other piece a
// header field `name: value` (split at the first colon). The identity-header secret is fixed
// (`fuzz-identity-secret`) so seeds can carry it; keys are fixed test keys (no key generation).
// Not part of the SwiftPM package.
//
// Properties: no crash, no hang; every answer has a status in 200...599; a 200 from a token
// endpoint is JSON whose `access_token` verifies (RS256) against the emulator's published JWK
// Set and carries a string `aud`; a 5xx comes only from the App Service
// endpoint's documented "unknown resource" answer.

import Foundation
import HTTPServer
import Synchronization
@testable import IdentityEmulator
@testable import JOSE

private let secret = "fuzz-identity-secret"

/// Rotation (POST /emulator/rotate-keys from loopback) cycles through the fixed keys, so the new
/// key always differs from the current one.
private let rotations = Atomic<Int>(0)
@Sendable private func nextKey() -> RSAPrivateKey {
    let next = rotations.add(1, ordering: .relaxed).newValue
    return FixedTestKeys.rsa(next % FixedTestKeys.count)
}

private let emulator: Emulator = {
    do {
        return try Emulator(
            configuration: .default, signingKey: FixedTestKeys.rsa(0),
            options: .init(identityHeader: secret, keyGenerator: nextKey, logger: .disabled, accessLog: false))
    } catch {
        fatalError("default emulator configuration refused: \(error)")
    }
}()

private let loopbackClient = makeClient(remote: SocketAddress(host: "127.0.0.1", port: 50_000, family: .ipv4))
private let remoteClient = makeClient(remote: SocketAddress(host: "203.0.113.9", port: 50_000, family: .ipv4))

private func makeClient(remote: SocketAddress) -> RouterTestClient<BasicRequestContext> {
    do {
        return try emulator.router().testClient(remoteAddress: remote)
    } catch {
        fatalError("emulator router refused: \(error)")
    }
}

private let methods: [HTTPMethod] = [.get, .post, .head, HTTPMethod(rawValue: "PUT")]

/// Entry point, called by EntraFuzzMain.swift for the `emulator-requests` target.
func fuzzEmulatorRequests(_ bytes: UnsafeRawBufferPointer) {
    guard let selector = bytes.first else { return }
    let method = methods[Int(selector & 3)]
    let client = selector & 4 != 0 ? loopbackClient : remoteClient
    var lines = bytes.count > 1 ? pieces(UnsafeRawBufferPointer(rebasing: bytes[1...]), separator: 10).map(text) : [""]
    let target = lines.removeFirst()
    var headers = HTTPHeaders()
    for line in lines {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers.add(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
    let sentHeaders = headers
    let response = runBlocking { () -> Result<TestResponse, any Error> in
        do {
            return .success(try await client.execute(method, target, headers: sentHeaders))
        } catch {
            return .failure(error)
        }
    }
    guard case .success(let answer) = response else { fatalError("execute threw without a streamed body: \(response)") }
    let status = answer.status.code
    guard (200...599).contains(status) else { fatalError("status \(status)") }
    let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
    if status >= 500 {
        guard path == "/msi/token", answer.bodyText.contains("statusCode") else {
            fatalError("\(status) for \(method.rawValue) \(target.debugDescription): \(answer.bodyText)")
        }
    }
    if status == 200, method == .get, path == "/msi/token" || path == "/metadata/identity/oauth2/token" {
        guard let body = try? JSONReader.parse(answer.body).objectValue, let token = body["access_token"]?.stringValue,
              let resource = body["resource"]?.stringValue else {
            fatalError("200 from \(path) without access_token/resource: \(answer.bodyText)")
        }
        let keys: JWKSet
        do {
            keys = try JWKSet(json: .object(emulator.jwks))
        } catch {
            fatalError("the emulator's JWK Set does not load: \(error)")
        }
        do {
            let verified = try JWSVerifier(keys: keys).verify(token)
            guard verified.claims?["aud"]?.stringValue != nil else {
                fatalError("issued token without a string aud for resource \(resource)")
            }
        } catch {
            fatalError("issued token does not verify with the published keys: \(error)")
        }
    }
}
