import Foundation
import HTTPServer
import ManagedIdentity

/// The Azure Functions custom handler: `GET /api/call` gets a token and calls the API per
/// request, answering `{"status": <API status>, "claims": <API JSON>}` (`"body": "<text>"` when
/// the API's answer is not JSON); failures become 502 with
/// the reason (never a token). With `enableForwardingHttpRequest` the Functions host forwards
/// the original request to this path on `FUNCTIONS_CUSTOMHANDLER_PORT`.
enum CustomHandler {
    static func serve(port: Int, caller: ClaimsCaller) async throws {
        var router = Router(context: BasicRequestContext.self)
        router.get("/api/call") { _, _ in
            do {
                let outcome = try await caller.call()
                var body: [String: Any] = ["status": outcome.status]
                if let json = try? JSONSerialization.jsonObject(with: Data(outcome.body.utf8), options: [.fragmentsAllowed]) {
                    body["claims"] = json
                } else {
                    body["body"] = outcome.body
                }
                let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
                return HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: Array(data))
            } catch {
                return .text("msi-func: \(error)\n", status: HTTPStatus(code: 502))
            }
        }
        let server = Server(configuration: .init(address: .hostPort("127.0.0.1", port)), router: router)
        try await server.run()
    }
}
