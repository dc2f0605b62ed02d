// Plain Hummingbird 2: GET /hello -> 200 "ok" on 127.0.0.1:$PORT (the peer of hello-server).
import Foundation
import Hummingbird
import Logging

let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "8081") ?? 8081
let router = Router()
router.get("hello") { _, _ -> String in "ok" }
var logger = Logger(label: "hb-hello")
logger.logLevel = .warning
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil), logger: logger)
print("hb-hello listening on 127.0.0.1:\(port)")
try await app.runService()
