import Foundation
import HTTPServer
import JOSE
import TestSupport
import Testing
@testable import IdentityEmulator

/// Fixed keys (see `FixedTestKeys`): generating RSA keys at test time stalls the cooperative pool.
enum TestKeys {
    static let primary = FixedTestKeys.rsa(0)
    static let rotation: [RSAPrivateKey] = [FixedTestKeys.rsa(1), FixedTestKeys.rsa(2)]
}

/// An emulator running on a free loopback port, with helpers to call it.
final class RunningEmulator: Sendable {
    let emulator: Emulator
    let port: Int
    let base: String
    let task: Task<Void, any Error>

    static let tenant = EmulatorConfiguration.default.tenantID
    static let msiFunc = EmulatorConfiguration.default.identities[0]
    static let readerFunc = EmulatorConfiguration.default.identities[1]
    static let aadFunc = EmulatorConfiguration.default.applications[0]
    static let readersGroup = EmulatorConfiguration.default.groups[0].objectID

    /// The emulator most tests share (no rotation happens on it).
    static let shared = Task { try await RunningEmulator(identityHeader: "test-secret") }

    init(identityHeader: String, keyGenerator: @escaping @Sendable () -> RSAPrivateKey = { TestKeys.primary }) async throws {
        let options = Emulator.Options(identityHeader: identityHeader, keyGenerator: keyGenerator, logger: .disabled, accessLog: false)
        let emulator = try Emulator(configuration: .default, signingKey: TestKeys.primary, options: options)
        self.emulator = emulator
        task = Task { try await emulator.run() }
        port = try await emulator.boundAddress.port
        base = try await emulator.baseURL
    }

    deinit { emulator.shutdown() }

    func get(_ target: String, headers: [(String, String)] = []) throws -> RawResponse {
        try LoopbackClient.send(port: port, target: target, headers: headers)
    }

    func appService(_ query: String, secret: String? = "test-secret", extra: [(String, String)] = []) throws -> RawResponse {
        var headers = extra
        if let secret { headers.append(("X-IDENTITY-HEADER", secret)) }
        return try get("/msi/token?\(query)", headers: headers)
    }

    func imds(_ query: String, metadata: String? = "true", extra: [(String, String)] = []) throws -> RawResponse {
        var headers = extra
        if let metadata { headers.append(("Metadata", metadata)) }
        return try get("/metadata/identity/oauth2/token?\(query)", headers: headers)
    }

    /// A verifier over the JWK Set the emulator serves right now.
    func servedVerifier() throws -> JWSVerifier {
        let keys = try get("/\(Self.tenant)/discovery/keys")
        return JWSVerifier(keys: try JWKSet(parsing: keys.body), algorithms: [.rs256])
    }
}

/// JSON helpers.
enum JSONBody {
    static func object(_ response: RawResponse) throws -> JSONObject {
        try #require(try JSONReader.parse(response.body).objectValue)
    }

    static func decodePart(_ part: Substring) throws -> JSONObject {
        try #require(try JSONReader.parse(try Base64URL.decode(part)).objectValue)
    }

    static func int(_ value: JSONValue?) -> Int? { value?.numberValue?.int64Value.map { Int($0) } }
}
