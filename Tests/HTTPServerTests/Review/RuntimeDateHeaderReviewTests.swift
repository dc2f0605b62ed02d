import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Review of `Date` caching. The loop refreshed its cached `Date` after dispatching a wake-up's
/// events, so a response written from the read path itself (a parser rejection, 413, 431, …)
/// after the loop had slept carried the time the loop went to sleep — seconds or minutes old.
/// The cache is now refreshed when the loop wakes, before any event is handled.
@Suite("Review: Date header after an idle loop", .timeLimit(.minutes(1)))
struct RuntimeDateHeaderReviewTests {
    @Test func rejectionAfterAQuietSpellCarriesTheCurrentDate() async throws {
        var configuration = testConfiguration()
        configuration.eventLoopCount = 1
        try await withServer(basicRouter(), configuration: configuration) { port in
            let client = try RawClient(port: port)
            try await Task.sleep(for: .milliseconds(2300))   // the only loop sleeps in epoll_wait
            try await client.send("GET /hello HTTP/1.1\r\n\r\n")   // no Host: rejected while reading
            let response = try await client.readResponse()
            let now = Date()
            #expect(response.statusCode == 400)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(response.header("date").flatMap { formatter.date(from: $0) })
            // One-second resolution: allow the truncation plus scheduling noise, not the 2.3 s sleep.
            #expect(abs(now.timeIntervalSince(date)) < 1.6, "Date \(response.header("date") ?? "") at \(now)")
        }
    }
}
