// hello-server: the smallest EntraAuth HTTPServer program.
// Serves GET /hello -> 200 "ok" on $PORT (default 8080); ACCESS_LOG=1 turns the access log on.
import Foundation
import HTTPServer

let environment = ProcessInfo.processInfo.environment
let port = environment["PORT"].flatMap(Int.init) ?? 8080

var router = Router(context: BasicRequestContext.self)
router.get("/hello") { _, _ in .text("ok") }

let configuration = HTTPServerConfiguration(
    address: .port(port),
    accessLog: environment["ACCESS_LOG"] == "1")
let server = Server(configuration: configuration, router: router)
do {
    try await server.run()   // returns after SIGTERM or SIGINT, once in-flight requests are answered
} catch {
    FileHandle.standardError.write(Data("hello-server: \(error)\n".utf8))
    exit(1)
}
