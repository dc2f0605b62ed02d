import Foundation
import Testing
@testable import HTTPServer

@Suite struct ProblemDetailsTests {
    @Test func extensionsAreWrittenAfterStandardMembersEscaped() {
        let problem = ProblemDetails(status: .forbidden, detail: "Role needed.", reason: "missingRole")
            .with(extension: "roles", .strings(["DoAll", "a\"b"]))
            .with(extension: "retry", .integer(-3))
            .with(extension: "final", .boolean(false))
            .with(extension: "raw", .json(Array(#"{"k":[1,null]}"#.utf8)))
            .with(extension: "na\nme", .string("v\u{1}"))
        let text = String(decoding: problem.jsonBytes, as: UTF8.self)
        #expect(text == #"{"type":"about:blank","title":"Forbidden","status":403,"detail":"Role needed.","reason":"missingRole","roles":["DoAll","a\"b"],"retry":-3,"final":false,"raw":{"k":[1,null]},"na\nme":"v\u0001"}"#)
        #expect(problem[extension: "reason"] == .string("missingRole"))
    }

    @Test func standardAndRepeatedNamesAreNotWritten() throws {
        let problem = ProblemDetails(status: .unauthorized, detail: "No token.")
            .with(extension: "status", .integer(200))
            .with(extension: "type", .string("urn:evil"))
            .with(extension: "instance", .string("/x"))
            .with(extension: "reason", .string("first"))
            .with(extension: "reason", .string("second"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(problem.jsonBytes)) as? [String: Any])
        #expect(json["status"] as? Int == 401)
        #expect(json["type"] as? String == "about:blank")
        #expect(json["instance"] == nil)
        #expect(json["reason"] as? String == "first")
        let text = String(decoding: problem.jsonBytes, as: UTF8.self)
        #expect(text.components(separatedBy: "\"reason\"").count == 2, "one reason member only")
    }

    @Test func codableRoundTripKeepsExtensions() throws {
        let problem = ProblemDetails(status: .forbidden, detail: "d", reason: "r")
            .with(extension: "n", .integer(7))
            .with(extension: "o", .json(Array(#"{"a":1.5}"#.utf8)))
        let data = try JSONEncoder().encode(problem)
        let decoded = try JSONDecoder().decode(ProblemDetails.self, from: data)
        #expect(decoded.status == 403)
        #expect(decoded.detail == "d")
        #expect(decoded[extension: "reason"] == .string("r"))
        #expect(decoded[extension: "n"] == .integer(7))
        #expect(decoded[extension: "o"] == .json(Array(#"{"a":1.5}"#.utf8)))
        let fromServer = try JSONDecoder().decode(ProblemDetails.self, from: Data(problem.jsonBytes))
        #expect(fromServer == decoded)
    }

    @Test func problemResponseCarriesExtensionsAndJSONBytesResponse() async throws {
        var router = Router()
        router.get("/denied") { _, _ in
            .problem(ProblemDetails(status: .forbidden, detail: "No.", reason: "missingRole"), headers: ["X-A": "1"])
        }
        router.get("/raw") { _, _ in .json(bytes: Array(#"{"ok":true}"#.utf8), status: .accepted, headers: ["X-B": "2"]) }
        let client = try router.testClient()
        let denied = try await client.execute(.get, "/denied")
        #expect(denied.status == .forbidden)
        #expect(denied.headers["content-type"] == "application/problem+json")
        #expect(denied.bodyText.hasSuffix(#","reason":"missingRole"}"#))
        let raw = try await client.execute(.get, "/raw")
        #expect(raw.status == .accepted)
        #expect(raw.headers["content-type"] == "application/json")
        #expect(raw.headers["x-b"] == "2")
        #expect(raw.bodyText == #"{"ok":true}"#)
    }
}
