import EntraAuthCore
import Foundation
import JOSE
import Testing

@Suite("Easy Auth principal header")
struct EasyAuthPrincipalTests {
    static func header(_ json: String) -> String { Data(json.utf8).base64EncodedString() }

    @Test("mapped claim names come back as the token's, repeated roles as an array")
    func decodes() throws {
        let json = #"""
        {"auth_typ":"aad","claims":[
          {"typ":"http://schemas.microsoft.com/identity/claims/tenantid","val":"72f988bf-86f1-41af-91ab-2d7cd011db47"},
          {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff"},
          {"typ":"appid","val":"0a1b2c3d-1111-2222-3333-444455556666"},
          {"typ":"roles","val":"DoAll"},{"typ":"roles","val":"Read"},
          {"typ":"iss","val":"https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"},
          {"typ":"aud","val":"api://aad-func"},{"typ":"exp","val":"1767229200"}],
         "name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","role_typ":"roles"}
        """#
        let identity = try EasyAuthPrincipal.identity(fromHeader: Self.header(json))
        #expect(identity.tenantID == "72f988bf-86f1-41af-91ab-2d7cd011db47")
        #expect(identity.objectID == "9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff")
        #expect(identity.clientAppID == "0a1b2c3d-1111-2222-3333-444455556666")
        #expect(identity.roles == ["DoAll", "Read"])
        #expect(identity.audience == "api://aad-func")
        #expect(identity.expiresAt.timeIntervalSince1970 == 1_767_229_200)
    }

    @Test("a single role is still a list")
    func singleRole() throws {
        let identity = try EasyAuthPrincipal.identity(fromHeader: Self.header(#"{"claims":[{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"DoAll"}]}"#))
        #expect(identity.roles == ["DoAll"])
        #expect(identity.claims["roles"]?.arrayValue?.count == 1)
    }

    @Test("garbage is refused", arguments: ["%%%", header("[]"), header(#"{"claims":5}"#), header(#"{"claims":[{"typ":1,"val":"x"}]}"#),
                                              header(#"{"claims":[],"claims":[]}"#), String(repeating: "A", count: 20_000)])
    func garbage(value: String) {
        #expect(throws: EntraAuthError.self) { try EasyAuthPrincipal.identity(fromHeader: value) }
    }
}
