import Foundation
import HTTPServer
import ManagedIdentity
import Testing

@Suite("Token responses")
struct ResponseParsingTests {
    /// The token `body` returns when the App Service endpoint answers `response`.
    private func appServiceToken(_ response: HTTPResponse) async throws -> AccessToken {
        let endpoint = FakeEndpoint { _, _ in response }
        var token: AccessToken?
        try await endpoint.serve { base in
            token = try await Fixture.credential(Fixture.appServiceEnvironment(base)).token(for: "api://aad-func/.default")
        }
        return try #require(token)
    }

    @Test("expires_on as an epoch string and as an integer")
    func expiresOnStringAndInteger() async throws {
        let expiry = Int(Date().timeIntervalSince1970) + 3600
        for encoded in ["\"\(expiry)\"", "\(expiry)"] {
            let value = Fixture.token()
            let token = try await appServiceToken(Fixture.appServiceOK(value, expiresOn: encoded))
            #expect(token.token == value)
            #expect(token.expiresOn == Date(timeIntervalSince1970: TimeInterval(expiry)), "\(encoded)")
            #expect(token.tokenType == "Bearer")
            #expect(token.refreshOn == nil, "a 1 h token has no refreshOn")
        }
    }

    @Test("a 24 h token gets refreshOn at half its lifetime")
    func halfLife() async throws {
        let token = try await appServiceToken(Fixture.appServiceOK(Fixture.token(), lifetime: 86_400))
        let refreshOn = try #require(token.refreshOn)
        #expect(abs(refreshOn.timeIntervalSinceNow - 43_200) < 5)
    }

    @Test("IMDS: expires_in as a string (as the service sends it) or an integer; token_type kept")
    func imdsExpiresIn() async throws {
        for body in [#"{"access_token":"a.b.c","expires_in":"3599","expires_on":"1","token_type":"PoP"}"#,
                     #"{"access_token":"a.b.c","expires_in":3599,"token_type":"PoP"}"#] {
            let endpoint = FakeEndpoint { _, _ in Fixture.json(200, body) }
            try await endpoint.serve { base in
                let token = try await Fixture.credential(Fixture.imdsEnvironment(base)).token(for: "api://aad-func/.default")
                // expires_in wins over expires_on (which here says 1970).
                #expect(abs(token.expiresOn.timeIntervalSinceNow - 3599) < 5)
                #expect(token.tokenType == "PoP")
            }
        }
    }

    @Test("the 2017 App Service date format is accepted as a fallback")
    func legacyDate() async throws {
        let token = try await appServiceToken(Fixture.appServiceOK(Fixture.token(), expiresOn: "\"06/20/2099 02:57:58 +00:00\""))
        #expect(token.expiresOn == Date(timeIntervalSince1970: 4_085_607_478))
    }

    @Test("malformed or incomplete 200 bodies are invalidResponse, never retried, and never quoted",
          arguments: [#"{"access_token":"SECRET-TOKEN-123","expires_on":"soon"}"#,
                      #"{"access_token":"SECRET-TOKEN-123"}"#,
                      #"{"access_token":"SECRET-TOKEN-123","#,
                      #"["SECRET-TOKEN-123"]"#,
                      #"{"expires_on":"9999999999"}"#,
                      #"{"access_token":"SECRET-TOKEN-123","expires_on":"1000"}"#])
    func malformed(body: String) async throws {
        let endpoint = FakeEndpoint { _, _ in Fixture.json(200, body) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.appServiceEnvironment(base))
            let error = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: "api://aad-func/.default") }
            #expect(error?.reason == .invalidResponse)
            #expect(error?.message.contains("127.0.0.1") == true)
            #expect(!String(describing: error).contains("SECRET-TOKEN-123"))
        }
        #expect(endpoint.count == 1)
    }

    @Test("printing a token never shows it")
    func redaction() {
        let value = Fixture.token("never-print-me")
        let token = AccessToken(token: value, expiresOn: Date(timeIntervalSinceNow: 3600), refreshOn: nil, resource: "api://aad-func")
        var dumped = ""
        dump(token, to: &dumped)
        for text in [token.description, token.debugDescription, "\(token)", String(reflecting: token), dumped] {
            #expect(!text.contains("never-print-me"), "\(text)")
        }
        #expect(token.description.contains("api://aad-func"))
    }
}
