import Foundation
import HTTPServer
import Testing

/// Query names are client input: looking one up must not cost Unicode normalisation.
@Suite("Query parameter look-up")
struct QueryCostTests {
    /// A name of `count` alternating combining marks of different classes (canonical reordering
    /// of such a run is quadratic under Swift's `String ==`).
    static func markRun(_ count: Int) -> String {
        var name = ""
        for index in 0..<count { name.unicodeScalars.append(index % 2 == 0 ? "\u{0301}" : "\u{0316}") }
        return name
    }

    @Test("names are matched byte for byte, not by canonical equivalence")
    func byteExact() {
        let query = HTTPQuery(items: [("caf\u{E9}", "composed"), ("cafe\u{301}", "decomposed")])
        #expect(query["cafe\u{301}"] == "decomposed")
        #expect(query["caf\u{E9}"] == "composed")
        #expect(query.values(for: "cafe\u{301}") == ["decomposed"])
    }

    @Test("looking up access_token next to an 8 KiB combining-mark name stays cheap (guards complexity, not speed)")
    func adversarialName() {
        let query = HTTPQuery(items: Array(repeating: (Self.markRun(4000), "x"), count: 4))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<50 { _ = query["access_token"] }
        }
        // Byte comparison stops at the first byte: 200 look-ups take microseconds. With `String ==`
        // each comparison normalised the whole run (about 4 ms each in release, far more in debug).
        #expect(elapsed < .milliseconds(50), "\(elapsed)")
    }
}
