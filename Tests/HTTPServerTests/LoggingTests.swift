import Foundation
import Testing
@testable import HTTPServer
import TestSupport

@Suite struct LoggingTests {
    @Test func accessLogLineHasMethodPathStatusBytesAndDuration() async throws {
        let capture = CapturingLogHandler()
        var configuration = testConfiguration()
        configuration.accessLog = true
        configuration.logger = Logger(handler: capture)
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer secret-token\r\n\r\n")
            _ = try await client.readResponse()
        }
        let lines = capture.records.filter { $0.message == "request" }
        #expect(lines.count == 1)
        let fields = Dictionary(uniqueKeysWithValues: (lines.first?.metadata ?? []).map { ($0.key, $0.value) })
        #expect(fields["method"] == "GET")
        #expect(fields["path"] == "/hello")
        #expect(fields["status"] == "200")
        #expect(fields["bytes"] == "2")
        #expect(fields["duration_us"].flatMap(Int.init) != nil)
        let everything = capture.records.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!everything.contains("secret-token"))
    }

    @Test func authorizationFieldsAreRedacted() {
        let capture = CapturingLogHandler()
        let logger = Logger(handler: capture)
        logger.info("call", ["Authorization": "Bearer abc", "path": "/x"])
        logger.debug("dropped below level")
        #expect(capture.records.count == 1)
        #expect(capture.records.first?.metadata.first { $0.key == "Authorization" }?.value == "[REDACTED]")
    }

    @Test func jsonLinesHandlerWritesOneObjectPerLine() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let handler = JSONLinesLogHandler(fileDescriptor: fds[1])
        handler.log(LogRecord(level: .warning, message: "quote \" and\nnewline", metadata: [("k", "v")]))
        handler.log(LogRecord(level: .info, message: "second"))
        close(fds[1])
        let data = FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(first["msg"] == "quote \" and\nnewline")
        #expect(first["level"] == "warning")
        #expect(first["k"] == "v")
        #expect(first["ts"]?.hasSuffix("Z") == true)
    }
}
