import EntraAuthCore
import Foundation
import Testing

@Suite("Bearer token extraction (RFC 6750)")
struct BearerTokenExtractorTests {
    let extractor = BearerTokenExtractor()

    private func reason(_ authorization: [String], query: String? = nil, form: String? = nil,
                        extractor: BearerTokenExtractor = BearerTokenExtractor()) -> EntraAuthError.Reason? {
        do {
            _ = try extractor.extract(authorization: authorization, queryToken: query, formToken: form)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("the scheme is case-insensitive and the token is returned exactly")
    func accepted() throws {
        for value in ["Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER   abc.def.ghi", "Bearer abc.def.ghi=="] {
            let token = try extractor.extract(authorization: [value])
            #expect(token?.hasPrefix("abc.def.ghi") == true, "\(value)")
        }
        #expect(try extractor.extract(authorization: []) == nil)
    }

    @Test("malformed Bearer fields are 400 invalid_request", arguments: [
        "Bearer", "Bearer ", "Bearer abc def", "Bearer abc\tdef", "Bearer a=b", "Bearer ==", "Bearer abc,def", "Bearer \u{00E9}abc",
    ])
    func malformed(value: String) {
        #expect(reason([value]) == .malformedAuthorizationHeader)
    }

    @Test("another scheme is a missing bearer token (401 with no error code)")
    func otherScheme() {
        #expect(reason(["Basic dXNlcjpwYXNz"]) == .missingToken)
        #expect(reason(["Bearerx abc"]) == .missingToken)
        #expect(EntraAuthError(.missingToken, "").bearerErrorCode == nil)
    }

    @Test("two Authorization fields are refused")
    func twoFields() {
        #expect(reason(["Bearer a.b.c", "Bearer a.b.c"]) == .multipleTokens)
    }

    @Test("query and form tokens are refused unless enabled, and never beside a header")
    func otherLocations() throws {
        #expect(reason([], query: "a.b.c") == .tokenInDisallowedLocation)
        #expect(reason([], form: "a.b.c") == .tokenInDisallowedLocation)
        let lenient = BearerTokenExtractor(allowsQueryParameter: true, allowsFormBody: true)
        #expect(try lenient.extract(authorization: [], queryToken: "a.b.c") == "a.b.c")
        #expect(reason(["Bearer a.b.c"], query: "a.b.c", extractor: lenient) == .multipleTokens)
        #expect(reason([], query: "a b", extractor: lenient) == .malformedAuthorizationHeader)
        #expect(EntraAuthError(.tokenInDisallowedLocation, "").status == 400)
    }
}
