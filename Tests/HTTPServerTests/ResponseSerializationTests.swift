import Foundation
import Testing
@testable import HTTPServer

@Suite struct ResponseSerializationTests {
    static func head(_ headers: HTTPHeaders, framing: ResponseHeadSerializer.Framing, keepAlive: Bool = true,
                     version: HTTPVersion = .http1_1) -> String {
        var out: [UInt8] = []
        ResponseHeadSerializer.appendHead(
            to: &out, status: .ok, headers: headers, framing: framing, keepAlive: keepAlive,
            requestVersion: version, date: Array("Sat, 21 Nov 2026 21:00:00 GMT".utf8), serverName: Array("T".utf8))
        return String(decoding: out, as: UTF8.self)
    }

    @Test func serverOwnsFramingFields() {
        let text = Self.head(["Content-Length": "999", "Transfer-Encoding": "gzip", "X-A": "1"], framing: .contentLength(2))
        #expect(text == "HTTP/1.1 200 OK\r\nX-A: 1\r\nDate: Sat, 21 Nov 2026 21:00:00 GMT\r\nServer: T\r\nContent-Length: 2\r\n\r\n")
    }

    @Test func headerInjectionIsNeutralised() {
        let text = Self.head(["X-A": "a\r\nSet-Cookie: evil"], framing: .contentLength(0))
        #expect(!text.contains("\r\nSet-Cookie"))
        #expect(text.contains("X-A: a  Set-Cookie: evil\r\n"))
    }

    @Test func connectionFieldFollowsVersionAndKeepAlive() {
        #expect(Self.head([:], framing: .chunked, keepAlive: false).contains("Transfer-Encoding: chunked\r\nConnection: close\r\n"))
        #expect(Self.head([:], framing: .none, version: .http1_0).contains("Connection: keep-alive\r\n"))
        #expect(!Self.head([:], framing: .none).contains("Connection"))
    }

    @Test func chunkHeadersAreLowercaseHex() {
        for (count, expected) in [(1, "1"), (15, "f"), (16, "10"), (65536, "10000")] {
            var out: [UInt8] = []
            ResponseHeadSerializer.appendChunkHeader(count, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == expected + "\r\n")
        }
    }

    @Test func problemDetailsEscapeJSON() throws {
        let problem = ProblemDetails(status: .badRequest, detail: "bad \"x\"\n\u{1}")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(problem.jsonBytes)) as? [String: Any])
        #expect(object["detail"] as? String == "bad \"x\"\n\u{1}")
        #expect(object["status"] as? Int == 400)
        #expect(object["title"] as? String == "Bad Request")
        #expect(object["type"] as? String == "about:blank")
    }

    @Test func imfFixdate() {
        var parts = tm()
        parts.tm_year = 94; parts.tm_mon = 10; parts.tm_mday = 6
        parts.tm_hour = 8; parts.tm_min = 49; parts.tm_sec = 37; parts.tm_wday = 0
        #expect(String(decoding: HTTPDateCache.imfFixdate(parts), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func statusPhrases() {
        #expect(HTTPStatus(code: 422).reasonPhrase == "Unprocessable Content")
        #expect(HTTPStatus(code: 299).reasonPhrase == "")
        #expect(!HTTPStatus.noContent.allowsBody)
    }

    final class Target: TimerTarget {
        let name: UInt64
        var timerHeapIndex = -1
        init(_ name: UInt64) { self.name = name }
        func timerFired(now: UInt64) {}
    }

    @Test func timerHeapPopsInDeadlineOrderAndSupportsRescheduleAndCancel() {
        var heap = TimerHeap()
        let targets = [50, 10, 40, 20, 30, 60].map { Target(UInt64($0)) }
        for target in targets { heap.schedule(target, at: target.name) }
        #expect(heap.count == 6)
        heap.schedule(targets[5], at: 5)        // 60 → 5: moves to the front
        heap.schedule(targets[1], at: 45)       // 10 → 45: moves back
        heap.cancel(targets[3])                 // 20 removed
        #expect(targets[3].timerHeapIndex == -1)
        #expect(heap.count == 5)
        var expired: [any TimerTarget] = []
        heap.popExpired(now: 45, into: &expired)
        #expect(expired.map { ($0 as? Target)?.name } == [60, 30, 40, 10])
        #expect(expired.allSatisfy { $0.timerHeapIndex == -1 })
        #expect(heap.nextDeadline == 50)
        #expect(heap.count == 1)
    }
}
