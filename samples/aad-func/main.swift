// aad-func: the protected API of the managed-identity scenario. Configuration comes from the
// environment (see AadFuncConfiguration and README.md); it runs standalone, in a container, or as
// an Azure Functions custom handler (FUNCTIONS_CUSTOMHANDLER_PORT, function-app/).
import AadFuncKit
import EntraAuth
import Foundation
import HTTPServer

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let configuration: AadFuncConfiguration
do {
    configuration = try AadFuncConfiguration(environment: ProcessInfo.processInfo.environment)
} catch {
    fail(error.description)
}

let serverConfiguration = HTTPServerConfiguration(address: .hostPort(configuration.host, configuration.port),
                                                  accessLog: configuration.accessLog)
let logger = serverConfiguration.logger

var router: Router<EntraAuthRequestContext>
var auth: EntraAuthentication<EntraAuthRequestContext>
do {
    auth = try EntraAuthentication(
        authority: configuration.authority, audiences: configuration.audiences,
        cache: TokenCacheLimits(maximumEntryCount: configuration.tokenCacheSize),
        keyRefresh: configuration.keyRefreshSeconds.map { KeyRefreshPolicy(refreshInterval: .seconds($0), jitter: .zero) } ?? KeyRefreshPolicy(),
        realm: "aad-func", logger: logger
    ) { policy in
        policy.allowedTenants = configuration.allowedTenants
    }
    if let path = configuration.rulesFile {
        guard let data = FileManager.default.contents(atPath: path) else { fail("aad-func: AUTH_RULES_FILE \(path) cannot be read") }
        // Checked against the routes they protect, so a rule that matches nothing fails the start.
        auth.rules = try AccessRules(parsing: Array(data), checkedAgainst: makeAadFuncRouter(auth: auth, metrics: configuration.metrics))
    }
    router = makeAadFuncRouter(auth: auth, metrics: configuration.metrics)
    try router.validate()
} catch {
    fail("aad-func: \(error)")
}

let server = Server(configuration: serverConfiguration, router: router)
Task {
    let address = try await server.boundAddress
    let line = "aad-func listening on http://\(address) (authority \(configuration.authority), audiences \(configuration.audiences.joined(separator: ", ")))\n"
    FileHandle.standardOutput.write(Data(line.utf8))
}
do {
    try await server.run(services: [auth])
} catch {
    fail("aad-func: \(error)")
}
