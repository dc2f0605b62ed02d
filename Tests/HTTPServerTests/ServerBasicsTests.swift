import Foundation
import Testing
@testable import HTTPServer
import TestSupport

@Suite struct ServerBasicsTests {
    @Test func answersGetWithDateServerAndLength() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.text == "ok")
            #expect(response.header("content-length") == "2")
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(response.header("server") == "EntraAuth")
            let date = try #require(response.header("date"))
            #expect(date.hasSuffix(" GMT") && date.count == 29)
            #expect(response.header("connection") == nil)
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            for index in 0..<10 {
                try await client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: \(String(index).count)\r\n\r\n\(index)")
                let response = try await client.readResponse()
                #expect(response.statusCode == 200)
                #expect(response.text == String(index))
            }
            #expect(!(await client.isClosedByServer(within: .milliseconds(100))))
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            let count = 50
            var batch = ""
            for index in 0..<count {
                batch += "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: \(String(index).count)\r\n\r\n\(index)"
            }
            batch += "GET /slow HTTP/1.1\r\nHost: test\r\n\r\nGET /hello HTTP/1.1\r\nHost: test\r\n\r\n"
            try await client.send(batch)
            for index in 0..<count {
                #expect(try await client.readResponse().text == String(index))
            }
            #expect(try await client.readResponse().text == "slow")
            #expect(try await client.readResponse().text == "ok")
        }
    }

    @Test func pipelineFloodIsAnsweredInOrderWithBoundedBuffering() async throws {
        // 5,000 pipelined requests written while responses are read concurrently: the server
        // pauses reading while its unread output is above the high-water mark, and resumes.
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            let count = 5000
            var batch: [UInt8] = []
            for index in 0..<count {
                let digits = String(index)
                batch += Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(digits.count)\r\n\r\n\(digits)".utf8)
            }
            let requests = batch
            let writer = Thread { try? client.sendBlocking(requests) }
            writer.start()
            var inOrder = 0
            for index in 0..<count where try await client.readResponse().text == String(index) {
                inOrder += 1
            }
            #expect(inOrder == count)
        }
    }

    @Test func http10ClosesAfterResponseUnlessKeepAlive() async throws {
        try await withServer(basicRouter()) { port in
            let plain = try RawClient(port: port)
            try await plain.send("GET /hello HTTP/1.0\r\n\r\n")
            let first = try await plain.readResponse()
            #expect(first.statusCode == 200)
            #expect(first.header("connection") == "close")
            #expect(await plain.isClosedByServer())

            let keepAlive = try RawClient(port: port)
            try await keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let second = try await keepAlive.readResponse()
            #expect(second.header("connection") == "keep-alive")
            try await keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await keepAlive.readResponse().text == "ok")
        }
    }

    @Test func connectionCloseIsHonouredAndLaterPipelinedRequestsIgnored() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.statusCode == 200)
            #expect(response.header("connection") == "close")
            #expect(try await client.readToEnd().isEmpty)
        }
    }

    @Test func handlerConnectionCloseHeaderClosesTheConnection() async throws {
        var router = Router()
        router.get("/bye") { _, _ in HTTPResponse(status: .ok, headers: ["Connection": "close"], body: Array("bye".utf8)) }
        try await withServer(router) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /bye HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.headers(named: "connection") == ["close"])
            #expect(await client.isClosedByServer())
        }
    }

    @Test func headSendsHeadersWithoutBody() async throws {
        try await withServer(basicRouter()) { port in
            let client = try RawClient(port: port)
            try await client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(head: true)
            #expect(head.statusCode == 200)
            #expect(head.header("content-length") == "2")
            // The next bytes on the wire must be the GET response, proving HEAD sent no body.
            let get = try await client.readResponse()
            #expect(get.statusCode == 200)
            #expect(get.text == "ok")
        }
    }

    @Test func listensOnIPv6Loopback() async throws {
        try await withServer(basicRouter(), configuration: testConfiguration(host: "::1")) { port in
            let client = try RawClient(port: port, host: "::1")
            try await client.send("GET /hello HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(try await client.readResponse().text == "ok")
        }
    }

    @Test func portZeroReportsTheBoundAddress() async throws {
        let server = Server(configuration: testConfiguration(), router: basicRouter())
        #expect(server.localAddress == nil)
        let running = Task { try await server.run() }
        let address = try await server.boundAddress
        #expect(address.port > 0)
        #expect(address.host == "127.0.0.1")
        #expect(address.family == .ipv4)
        #expect(server.localAddress == address)
        #expect(address.description == "127.0.0.1:\(address.port)")
        await #expect { try await server.run() } throws: { ($0 as? SocketError)?.reason == .alreadyStarted }
        server.shutdown()
        try await running.value
        #expect(server.localAddress == nil)
    }

    @Test func bindFailureIsReportedWithReason() async throws {
        let first = Server(configuration: testConfiguration(), router: basicRouter())
        let running = Task { try await first.run() }
        let address = try await first.boundAddress
        var configuration = testConfiguration()
        configuration.address = .hostPort("127.0.0.1", address.port)
        let second = Server(configuration: configuration, router: basicRouter())
        await #expect { try await second.run() } throws: { ($0 as? SocketError)?.reason == .bindFailed }
        var invalid = testConfiguration()
        invalid.address = .hostPort("not-an-ip", 0)
        await #expect { try await Server(configuration: invalid, router: basicRouter()).run() } throws: {
            ($0 as? SocketError)?.reason == .invalidAddress
        }
        first.shutdown()
        try await running.value
    }
}

/// Tests whose timing would be distorted by heavy parallel load run one after another.
@Suite(.serialized) struct TimingSensitiveTests {}

extension TimingSensitiveTests {
@Suite struct ConcurrencyTests {
    @Test func manyConcurrentClients() async throws {
        var configuration = testConfiguration()
        configuration.maxConnections = 1000
        try await withServer(basicRouter(), configuration: configuration) { port in
            let clients = 200
            let requestsPerClient = 20
            let succeeded = Counter()
            let group = DispatchGroup()
            for _ in 0..<clients {
                group.enter()
                Thread {
                    defer { group.leave() }
                    guard let client = try? RawClient(port: port) else { return }
                    for _ in 0..<requestsPerClient {
                        guard (try? client.sendBlocking(Array("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n".utf8))) != nil,
                            let response = try? client.readResponseBlocking(), response.text == "ok"
                        else { return }
                        succeeded.increment()
                    }
                }.start()
            }
            #expect(group.wait(timeout: .now() + 60) == .success)
            let results = succeeded.value
            #expect(results == clients * requestsPerClient)
        }
    }
}
}
