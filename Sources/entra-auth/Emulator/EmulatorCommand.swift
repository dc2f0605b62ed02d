import Foundation
import HTTPServer
import IdentityEmulator
import JOSE

/// `entra-auth emulator [--port N] [--host 127.0.0.1] [--config FILE] [--signing-key FILE]`:
/// runs the local identity emulator. Once it listens it prints one `KEY=value` line each for
/// `IDENTITY_ENDPOINT`, `IDENTITY_HEADER`, `AZURE_POD_IDENTITY_AUTHORITY_HOST` and
/// `AUTH_AUTHORITY` on standard output, flushes it, and serves until SIGTERM or SIGINT.
enum EmulatorCommand: Subcommand {
    static let name = "emulator"
    static let summary = "run the local managed-identity + OpenID emulator (development only)"
    static let usage = """
        usage: entra-auth emulator [--port N] [--host 127.0.0.1] [--config FILE] [--signing-key FILE]
                                   [--allow-non-loopback]

        Serves, for local development only:
          GET  /msi/token                                  App Service identity endpoint (2019-08-01)
          GET  /metadata/identity/oauth2/token             IMDS token endpoint (Metadata: true)
          GET  /{tid}/.well-known/openid-configuration     v1 discovery (iss https://sts.windows.net/{tid}/)
          GET  /{tid}/v2.0/.well-known/openid-configuration
          GET  /{tid}/discovery/keys, /{tid}/discovery/v2.0/keys   JWK Set
          POST /emulator/rotate-keys                       new signing key; the old one stays published
        Once listening, prints IDENTITY_ENDPOINT=…, IDENTITY_HEADER=…,
        AZURE_POD_IDENTITY_AUTHORITY_HOST=… and AUTH_AUTHORITY=… (one line each) and serves
        until SIGTERM/SIGINT. Logs go to standard error.

        options:
          --port N               port to listen on (default 0: a free port)
          --host ADDRESS         numeric loopback address (default 127.0.0.1)
          --config FILE          JSON configuration (default: the built-in aad-func/msi-func scenario)
          --signing-key FILE     RSA private key to sign with: private JWK, or PKCS #8 / PKCS #1 PEM
                                 (default: a key generated at start)
          --allow-non-loopback   allow --host to be a non-loopback address
          -h, --help             show this help
        """

    static func run(_ arguments: [String]) async -> ExitStatus {
        let emulator: Emulator
        do throws(UsageError) {
            let parsed = try ParsedArguments(
                arguments, options: ["port", "host", "config", "signing-key"], flags: ["help", "allow-non-loopback"])
            if parsed.has(flag: "help") {
                print(usage)
                return .success
            }
            guard parsed.positionals.isEmpty else { throw UsageError("unexpected argument \(parsed.positionals[0].debugDescription)") }
            let host = parsed.value(of: "host") ?? "127.0.0.1"
            guard isLoopback(host) || parsed.has(flag: "allow-non-loopback") else {
                throw UsageError("--host \(host) is not a loopback address; the emulator mints tokens for anyone who asks (add --allow-non-loopback to insist)")
            }
            var port = 0
            if let text = parsed.value(of: "port") {
                guard let value = Int(text), (0...65535).contains(value) else { throw UsageError("--port must be 0…65535") }
                port = value
            }
            var configuration = EmulatorConfiguration.default
            if let path = parsed.value(of: "config") {
                guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path.debugDescription)") }
                do {
                    configuration = try EmulatorConfiguration(parsing: Array(data))
                } catch {
                    throw UsageError("\(path):\(error)")
                }
            }
            var signingKey: RSAPrivateKey?
            if let path = parsed.value(of: "signing-key") {
                guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path.debugDescription)") }
                do {
                    signingKey = try SigningKeyFile.rsaPrivateKey(from: Array(data))
                } catch {
                    throw UsageError("\(path): \(error)")
                }
            }
            do {
                emulator = try Emulator(
                    configuration: configuration, signingKey: signingKey,
                    options: Emulator.Options(host: host, port: port, handlesSignals: true))
            } catch {
                throw UsageError("configuration: \(error)")
            }
        } catch {
            return EntraAuthCLI.fail(error, usage: usage)
        }
        return await serve(emulator)
    }

    /// Runs the emulator until it stops (SIGINT/SIGTERM), after printing its environment lines.
    private static func serve(_ emulator: Emulator) async -> ExitStatus {
        do {
            async let running: Void = emulator.run()
            let lines = try await emulator.environment.map { "\($0.name)=\($0.value)\n" }.joined()
            FileHandle.standardOutput.write(Data(lines.utf8))
            try await running
            return .success
        } catch {
            StandardError.write("entra-auth emulator: \(error)")
            return .failure
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host == "localhost" || host.split(separator: ".").first == "127"
    }
}
