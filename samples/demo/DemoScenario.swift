import AadFuncKit
import EntraAuth
import Foundation
import HTTPServer
import IdentityEmulator
import JOSE
import ManagedIdentity

/// The managed-identity scenario, end to end, in one process: the identity emulator and
/// aad-func on loopback, msi-func's side played by ``ManagedIdentityCredential`` in App Service
/// mode, and six steps whose expected outcomes are checked and reported.
///
/// ```swift
/// let outcome = await DemoScenario(options: DemoOptions()).run { step in console.step(step) }
/// exit(outcome.passed ? 0 : 1)
/// ```
struct DemoScenario: Sendable {
    /// The seed scenario's caller that holds `DoAll` (system-assigned).
    static let caller = "msi-func"
    /// The seed scenario's user-assigned identity with no role.
    static let roleless = "reader-func"

    let options: DemoOptions

    /// Runs the scenario, calling `report` after each step, and returns every step's result.
    /// Setup failures (a server that does not start, keys that never load) are reported as a
    /// failed step 0.
    func run(report: @Sendable (DemoStepResult) -> Void = { _ in }, setup: @Sendable (String) -> Void = { _ in }) async -> DemoOutcome {
        // The key for step 5 is made now, beside the first one: RSA key generation takes seconds
        // in a debug build, and the second core would otherwise sit idle.
        let makeRotationKey = options.rotationKey ?? { RSAPrivateKey.generate() }
        let rotationKey = Task.detached { makeRotationKey() }
        let emulator: Emulator
        do {
            let emulatorOptions = Emulator.Options(logger: options.logger, accessLog: false)
            emulator = try Emulator(configuration: .default, signingKey: options.signingKey, options: emulatorOptions)
        } catch {
            return Self.setupFailure("the emulator's configuration is invalid: \(error)", report: report)
        }
        let emulatorTask = Task { try await emulator.run() }
        defer { emulator.shutdown() }

        let auth: EntraAuthentication<EntraAuthRequestContext>
        let server: Server<EntraAuthRequestContext>
        do {
            let authority = try await emulator.authority
            auth = try EntraAuthentication(authority: authority, audiences: options.audiences, realm: "aad-func", logger: options.logger)
            let configuration = HTTPServerConfiguration(address: .hostPort("127.0.0.1", 0), eventLoopCount: 1, accessLog: false,
                                                        logger: options.logger, handlesSignals: false)
            server = Server(configuration: configuration, router: makeAadFuncRouter(auth: auth, metrics: false))
        } catch {
            emulatorTask.cancel()
            return Self.setupFailure("could not set up aad-func: \(error)", report: report)
        }
        let serverTask = Task { try await server.run(services: [auth]) }
        defer { server.shutdown() }
        do {
            let emulatorBase = try await emulator.baseURL
            let apiBase = "http://\(try await server.boundAddress)"
            setup("identity emulator on \(emulatorBase), aad-func on \(apiBase) (audiences \(options.audiences.joined(separator: ", ")))")
            guard await auth.keyProvider?.waitUntilLoaded(timeout: options.keyLoadTimeout) ?? true else {
                return Self.setupFailure("aad-func did not load the emulator's signing keys within \(options.keyLoadTimeout)", report: report)
            }
            setup("aad-func loaded the emulator's signing keys (kid \(emulator.currentKeyID))")
            let environment = Dictionary(uniqueKeysWithValues: try await emulator.environment.map { ($0.name, $0.value) })
            let steps = DemoSteps(emulator: emulator, apiBase: apiBase, options: options,
                                  rotationKey: rotationKey,
                                  unknownKeyRefreshes: { [keyProvider = auth.keyProvider] in keyProvider?.status.unknownKeyRefreshCount ?? 0 },
                                  appServiceEnvironment: environment.filter { $0.key == "IDENTITY_ENDPOINT" || $0.key == "IDENTITY_HEADER" })
            let results = await steps.run(report: report)
            server.shutdown()
            emulator.shutdown()
            _ = await serverTask.result
            _ = await emulatorTask.result
            return DemoOutcome(steps: results)
        } catch {
            return Self.setupFailure("a server did not start: \(error)", report: report)
        }
    }

    private static func setupFailure(_ detail: String, report: (DemoStepResult) -> Void) -> DemoOutcome {
        let result = DemoStepResult(number: 0, title: "start the emulator and aad-func", passed: false, detail: detail)
        report(result)
        return DemoOutcome(steps: [result])
    }
}
