// msi-func: the caller of the managed-identity scenario. Gets an access token from this host's
// managed identity (App Service identity endpoint or IMDS) for AAD_FUNC_SCOPE and calls
// AAD_FUNC_URL with it, printing the status and the claims JSON the API returns.
//
// As an Azure Functions custom handler (FUNCTIONS_CUSTOMHANDLER_PORT set), it serves
// GET /api/call doing the same per request. To deploy, put the built `msi-func` binary,
// `host.json` and `function-app/call/` (as `call/`) together at the function app's root.
import Foundation
import ManagedIdentity

let configuration: CallerConfiguration
do {
    configuration = try CallerConfiguration(environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("msi-func: bad configuration: \(error)\n".utf8))
    exit(2)
}
let caller = ClaimsCaller(configuration: configuration)

if let port = configuration.handlerPort {
    do {
        try await CustomHandler.serve(port: port, caller: caller)
    } catch {
        FileHandle.standardError.write(Data("msi-func: \(error)\n".utf8))
        exit(1)
    }
} else {
    do {
        let outcome = try await caller.call()
        print("\(configuration.url.absoluteString) answered \(outcome.status)")
        print(outcome.body)
        exit((200..<300).contains(outcome.status) ? 0 : 1)
    } catch let error as ManagedIdentityError {
        FileHandle.standardError.write(Data("msi-func: no token: \(error)\n".utf8))
        exit(error.reason == .invalidConfiguration || error.reason == .unsupportedEnvironment || error.reason == .invalidScope ? 2 : 1)
    } catch {
        FileHandle.standardError.write(Data("msi-func: calling \(configuration.url.absoluteString) failed: \(error)\n".utf8))
        exit(1)
    }
}
