import EntraAuthCore
import Foundation
import JOSE
import Testing

/// Source construction: discovery URLs for each authority shape, and refused configurations.
@Suite("SigningKeySource")
struct SigningKeySourceTests {
    private func discoveryURL(_ authority: String, appID: String? = nil) throws -> String? {
        try SigningKeySource.openIDConnect(authority: authority, appID: appID).firstURL?.absoluteString
    }

    @Test("discovery URL for Entra v2, v1, national clouds, other issuers and the loopback emulator")
    func discoveryURLs() throws {
        let tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
        #expect(try discoveryURL("https://login.microsoftonline.com/\(tenant)/v2.0")
                == "https://login.microsoftonline.com/\(tenant)/v2.0/.well-known/openid-configuration")
        #expect(try discoveryURL("https://login.microsoftonline.com/\(tenant)/")
                == "https://login.microsoftonline.com/\(tenant)/.well-known/openid-configuration")
        #expect(try discoveryURL("https://login.microsoftonline.com/\(tenant)")
                == "https://login.microsoftonline.com/\(tenant)/.well-known/openid-configuration")
        #expect(try discoveryURL("https://login.microsoftonline.us/\(tenant)/v2.0")
                == "https://login.microsoftonline.us/\(tenant)/v2.0/.well-known/openid-configuration")
        #expect(try discoveryURL("https://login.chinacloudapi.cn/\(tenant)/v2.0/")
                == "https://login.chinacloudapi.cn/\(tenant)/v2.0/.well-known/openid-configuration")
        #expect(try discoveryURL("https://accounts.example.org") == "https://accounts.example.org/.well-known/openid-configuration")
        #expect(try discoveryURL("http://127.0.0.1:8081/\(tenant)/") == "http://127.0.0.1:8081/\(tenant)/.well-known/openid-configuration")
        #expect(try discoveryURL("http://localhost:9/\(tenant)/v2.0") == "http://localhost:9/\(tenant)/v2.0/.well-known/openid-configuration")
    }

    @Test("appid is appended to the discovery URL")
    func appID() throws {
        #expect(try discoveryURL("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", appID: "535fb089-9ff3-47b6-9bfb-4f1264799865")
                == "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration?appid=535fb089-9ff3-47b6-9bfb-4f1264799865")
    }

    @Test("refused: plain http off loopback, queries, fragments, user info, odd appid, relative URLs")
    func refused() {
        let cases: [(String, String?, KeyProviderError.Reason)] = [
            ("http://login.microsoftonline.com/t/v2.0", nil, .insecureURL),
            ("http://10.0.0.1/t/", nil, .insecureURL),
            ("http://127.0.0.1.nip.io/t/", nil, .insecureURL),
            ("ftp://127.0.0.1/t/", nil, .insecureURL),
            ("https://login.microsoftonline.com/t/v2.0?x=1", nil, .invalidConfiguration),
            ("https://login.microsoftonline.com/t/v2.0#f", nil, .invalidConfiguration),
            ("https://user:pw@login.microsoftonline.com/t/v2.0", nil, .invalidConfiguration),
            ("login.microsoftonline.com/t/v2.0", nil, .invalidConfiguration),
            ("https://login.microsoftonline.com/t/v2.0", "a&b=c", .invalidConfiguration),
            ("https://login.microsoftonline.com/t/v2.0", "", .invalidConfiguration),
        ]
        for (authority, appID, reason) in cases {
            #expect(throws: KeyProviderError.self, "\(authority)") {
                _ = try SigningKeySource.openIDConnect(authority: authority, appID: appID)
            }
            do {
                _ = try SigningKeySource.openIDConnect(authority: authority, appID: appID)
            } catch {
                #expect(error.reason == reason, "\(authority): \(error)")
                #expect(error.stage == .configuration)
            }
        }
        #expect(throws: KeyProviderError.self) { _ = try SigningKeySource.jwks(url: "http://keys.example.com/keys", issuer: nil) }
    }

    @Test("a JWKS URL may carry a query; static keys have no URL")
    func jwksAndStatic() throws {
        let source = try SigningKeySource.jwks(url: "https://login.microsoftonline.com/common/discovery/keys?appid=x", issuer: "https://sts.windows.net/{tenantid}/")
        #expect(source.firstURL?.absoluteString == "https://login.microsoftonline.com/common/discovery/keys?appid=x")
        let keys = try JWKSet(parsing: TestKeys.jwks([("k1", TestKeys.first)]))
        #expect(SigningKeySource.staticKeys(keys).firstURL == nil)
    }
}
