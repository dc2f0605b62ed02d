import Synchronization
import Testing
@testable import HTTPServer
import TestSupport

/// Review of connection lifetimes: a client that goes away mid-handler or mid-stream must not
/// leak the connection (its descriptor and its slot under `maxConnections`), and a streaming
/// producer must learn that its client is gone instead of writing forever.
@Suite("Review: connections that end early", .timeLimit(.minutes(1)))
struct RuntimeConnectionLifecycleReviewTests {
    @Test func clientsThatLeaveMidHandlerGiveTheirSlotsBack() async throws {
        var configuration = testConfiguration()
        configuration.maxConnections = 2
        try await withServer(basicRouter(), configuration: configuration) { port in
            for _ in 0..<2 {
                var leaving: [RawClient] = []
                for _ in 0..<2 {
                    let client = try RawClient(port: port)
                    try await client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
                    leaving.append(client)
                }
                try await Task.sleep(for: .milliseconds(50))
                leaving.removeAll()   // closes both sockets while their handlers still run
                try await Task.sleep(for: .milliseconds(500))
            }
            for _ in 0..<2 {
                let client = try RawClient(port: port)
                try await client.send("GET /hello HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                #expect(try await client.readResponse().statusCode == 200)
            }
        }
    }

    @Test func streamingProducerLearnsItsClientLeft() async throws {
        let outcome = Mutex<HTTPBodyWriterError.Reason?>(nil)
        var router = Router(context: BasicRequestContext.self)
        router.get("/endless") { _, _ in
            HTTPResponse(status: .ok, body: .stream { (writer: HTTPBodyWriter) async throws -> Void in
                let chunk = [UInt8](repeating: UInt8(ascii: "z"), count: 16 * 1024)
                do {
                    while true { try await writer.write(chunk) }
                } catch let error as HTTPBodyWriterError {
                    outcome.withLock { $0 = error.reason }
                    throw error
                }
            })
        }
        var configuration = testConfiguration()
        configuration.writeTimeout = .seconds(10)   // the disconnect, not the write timeout, must end it
        try await withServer(router, configuration: configuration) { port in
            do {
                let client = try RawClient(port: port)
                try await client.send("GET /endless HTTP/1.1\r\nHost: h\r\n\r\n")
                try await Task.sleep(for: .milliseconds(100))
            }   // the client closes with unread data: a reset
            let deadline = ContinuousClock.now + .seconds(3)
            while outcome.withLock({ $0 }) == nil && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(outcome.withLock { $0 } == .connectionClosed)
        }
    }
}
