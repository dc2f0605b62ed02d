import Testing
@testable import HTTPServer

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain")
        headers.add(name: "X-Two", value: "a")
        headers.add(name: "x-two", value: "b")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values(for: "X-TWO") == ["a", "b"])
        #expect(headers["content-typf"] == nil)
        // '[' (0x5B) and '{' (0x7B) differ only in bit 0x20 but are not letters.
        #expect(!HTTPHeaders.namesMatch("a[", "a{"))
        headers["X-Two"] = "c"
        #expect(headers.values(for: "x-two") == ["c"])
    }
}
