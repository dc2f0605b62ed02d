import Foundation
import JOSE

/// `entra-auth verify --jwks FILE [--algorithms RS256,ES256,...]`: verifies the signature of one
/// compact JWS per line of standard input and prints, per line, `valid <payload-json>` or
/// `invalid <reason>: <why>`. Signatures and JOSE header rules only: issuer, audience and
/// lifetime are not checked (`entra-auth inspect` validates a token as a whole).
/// Exit status 0 when every line was valid, 1 otherwise, 2 on usage or configuration errors.
enum VerifyCommand: Subcommand {
    static let name = "verify"
    static let summary = "check compact JWS signatures from stdin against a JWK Set (signatures only; see inspect)"
    static let usage = """
        usage: entra-auth verify --jwks FILE [--algorithms ALG,ALG,...]

        Reads one compact JWS per line on standard input, checks its signature and JOSE header
        rules, and prints, per line,
          valid <payload as compact JSON>
          invalid <reason>: <explanation>
        Exit status: 0 if every line was valid, 1 otherwise, 2 on usage errors.

        This checks signatures only: "valid" does NOT mean the token is acceptable. Issuer,
        audience, expiry (exp), not-before (nbf) and roles are not checked; use
        `entra-auth inspect` to validate a token as an API would.

        options:
          --jwks FILE         JWK Set ({"keys":[...]}) or single JWK to verify with
          --algorithms LIST   comma-separated allow-list (default RS256); supported:
                              \(JWSAlgorithm.allCases.map(\.rawValue).joined(separator: ","))
          -h, --help          show this help
        """

    static func run(_ arguments: [String]) async -> ExitStatus {
        let verifier: JWSVerifier
        do throws(UsageError) {
            let parsed = try ParsedArguments(arguments, options: ["jwks", "algorithms"], flags: ["help"])
            if parsed.has(flag: "help") {
                print(usage)
                return .success
            }
            guard parsed.positionals.isEmpty else { throw UsageError("unexpected argument \(parsed.positionals[0].debugDescription)") }
            guard let path = parsed.value(of: "jwks") else { throw UsageError("--jwks FILE is required") }
            let algorithms = try KeyOptions.algorithms(parsed.value(of: "algorithms") ?? "RS256")
            verifier = JWSVerifier(keys: try KeyOptions.keySet(path), algorithms: algorithms)
        } catch {
            return EntraAuthCLI.fail(error, usage: usage)
        }

        var allValid = true
        // Lines are read with a bound (an endless line must not exhaust memory) and verified
        // as the exact bytes received: no UTF-8 repair, no trimming beyond one CR of a CRLF.
        var lines = BoundedLineReader(maximumLineByteCount: verifier.maximumTokenByteCount)
        while let line = lines.nextLine() {
            do throws(JOSEError) {
                let verified: VerifiedJWS
                switch line {
                case .complete(let token):
                    verified = try token.withUnsafeBytes { bytes in
                        Result { () throws(JOSEError) in try verifier.verify(utf8: bytes) }
                    }.get()
                case .tooLong(let byteCount):
                    throw JOSEError(.tooLarge, "the token is \(byteCount) bytes; the limit is \(verifier.maximumTokenByteCount)")
                }
                print("valid " + JSONWriter.serialize(.object(verified.claims ?? JSONObject())))
            } catch {
                allValid = false
                print("invalid \(error)")
            }
        }
        return allValid ? .success : .failure
    }

}
