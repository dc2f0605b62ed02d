import Foundation
import Testing
@testable import HTTPServer
import TestSupport

@Suite struct ConnectionLimitTests {
    @Test func connectionsOverTheMaximumGet503AndClose() async throws {
        var configuration = testConfiguration()
        configuration.maxConnections = 3
        try await withServer(basicRouter(), configuration: configuration) { port in
            var held: [RawClient] = []
            for _ in 0..<3 {
                let client = try RawClient(port: port)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().statusCode == 200)
                held.append(client)
            }
            let extra = try RawClient(port: port)
            let response = try await extra.readResponse()
            expectProblem(response, status: 503)
            #expect(await extra.isClosedByServer())

            // Closing one frees a slot.
            held.removeLast()
            try await Task.sleep(for: .milliseconds(100))
            let again = try RawClient(port: port)
            try await again.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await again.readResponse().statusCode == 200)
            withExtendedLifetime(held) {}
        }
    }
}
