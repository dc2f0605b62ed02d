// hello-server: the smallest EntraAuth HTTPServer program.
// Serves GET /hello -> 200 "ok" on $PORT (default 8080); ACCESS_LOG=1 turns the access log on.
// A small background service logs a heartbeat every HEARTBEAT_SECONDS (default 60) and stops
// with the server.
import Foundation
import HTTPServer

/// Background work that lives as long as the server: `run()` returns when its task is cancelled.
struct Heartbeat: Service {
    let interval: Duration
    let logger: HTTPServer.Logger

    func run() async throws {
        while true {
            try await Task.sleep(for: interval)   // throws CancellationError when the server stops
            logger.info("heartbeat")
        }
    }
}

let environment = ProcessInfo.processInfo.environment
let port = environment["PORT"].flatMap(Int.init) ?? 8080
let heartbeat = environment["HEARTBEAT_SECONDS"].flatMap(Int.init) ?? 60

var router = Router(context: BasicRequestContext.self)
router.get("/hello") { _, _ in .text("ok") }

let configuration = HTTPServerConfiguration(
    address: .port(port),
    accessLog: environment["ACCESS_LOG"] == "1")
let server = Server(configuration: configuration, router: router)
do {
    // Returns after SIGTERM or SIGINT, once in-flight requests are answered and the heartbeat stopped.
    try await server.run(services: [Heartbeat(interval: .seconds(heartbeat), logger: configuration.logger)])
} catch {
    FileHandle.standardError.write(Data("hello-server: \(error)\n".utf8))
    exit(1)
}
