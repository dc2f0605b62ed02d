import Dispatch
import Foundation
import JOSE
import ManagedIdentity

/// `entra-auth token --resource api://aad-func [--client-id ID | --object-id ID | --resource-id ID] [--decode]`:
/// gets an access token from this host's managed identity (App Service identity endpoint or
/// IMDS, chosen from the environment) and prints it, or with `--decode` its header and claims
/// (decoded, not verified). Exit status 0 on success, 1 when no token could be obtained, 2 on
/// usage or configuration errors.
enum TokenCommand: Subcommand {
    static let name = "token"
    static let summary = "get an access token from this host's managed identity"
    static let usage = """
        usage: entra-auth token --resource RESOURCE [--client-id ID | --object-id ID | --resource-id ID] [--decode]

        Gets an access token for RESOURCE (an App ID URI such as api://aad-func, or a scope
        ending in /.default) from the managed identity of this host: the App Service identity
        endpoint when IDENTITY_ENDPOINT and IDENTITY_HEADER are set, else IMDS
        (AZURE_POD_IDENTITY_AUTHORITY_HOST moves it, for example to a local emulator).
        Prints the token, or with --decode its header and claims as JSON (not verified).
        Exit status: 0 on success, 1 if no token was obtained, 2 on usage or configuration errors.

        options:
          --resource RESOURCE   the resource (audience) or one scope, required
          --client-id ID        a user-assigned identity by client ID
          --object-id ID        a user-assigned identity by object (principal) ID
          --resource-id ID      a user-assigned identity by ARM resource ID
          --decode              print the decoded header and claims instead of the token
          -h, --help            show this help
        """

    /// The command itself.
    static func run(_ arguments: [String]) async -> ExitStatus {
        let identity: ManagedIdentityID
        let resource: String
        let decode: Bool
        do throws(UsageError) {
            let parsed = try ParsedArguments(arguments, options: ["resource", "client-id", "object-id", "resource-id"],
                                             flags: ["decode", "help"])
            if parsed.has(flag: "help") {
                print(usage)
                return .success
            }
            guard parsed.positionals.isEmpty else { throw UsageError("unexpected argument \(parsed.positionals[0].debugDescription)") }
            guard let given = parsed.value(of: "resource"), !given.isEmpty else { throw UsageError("--resource RESOURCE is required") }
            resource = given
            identity = try selectIdentity(parsed)
            decode = parsed.has(flag: "decode")
        } catch {
            return EntraAuthCLI.fail(error, usage: usage)
        }

        let credential = ManagedIdentityCredential(identity: identity)
        let token: AccessToken
        do {
            token = try await credential.token(for: resource)
        } catch {
            StandardError.write("entra-auth token: \(error)")
            switch error.reason {
            case .invalidScope, .invalidConfiguration, .unsupportedEnvironment: return .usage
            default: return .failure
            }
        }
        guard decode else {
            print(token.token)
            return .success
        }
        return printDecoded(token)
    }

    /// At most one of `--client-id`, `--object-id`, `--resource-id`.
    static func selectIdentity(_ parsed: ParsedArguments) throws(UsageError) -> ManagedIdentityID {
        let given: [ManagedIdentityID] = [
            parsed.value(of: "client-id").map(ManagedIdentityID.clientID),
            parsed.value(of: "object-id").map(ManagedIdentityID.objectID),
            parsed.value(of: "resource-id").map(ManagedIdentityID.resourceID),
        ].compactMap { $0 }
        guard given.count <= 1 else { throw UsageError("give at most one of --client-id, --object-id and --resource-id") }
        return given.first ?? .systemAssigned
    }

    /// `{"header": …, "claims": …}` as pretty JSON on stdout; the "not verified" note on stderr
    /// so stdout stays one JSON document.
    private static func printDecoded(_ token: AccessToken) -> ExitStatus {
        do {
            let jws = try UnverifiedJWS(parsing: token.token)
            let claims = try JSONReader.parse(jws.payload)
            let document: JSONValue = .object(JSONObject([.init(name: "header", value: .object(jws.header)),
                                                          .init(name: "claims", value: claims)]))
            print(PrettyJSON.format(document))
            StandardError.write("note: decoded only; the signature and claims were NOT verified (use `entra-auth verify`). \(token)")
            return .success
        } catch {
            StandardError.write("entra-auth token: the token is not a decodable JWS: \(error)")
            return .failure
        }
    }
}
