import ManagedIdentity
import Testing

@Suite("Scope to resource")
struct ScopeTests {
    @Test("one trailing /.default is stripped; a bare resource passes through",
          arguments: [("api://aad-func/.default", "api://aad-func"), ("https://vault.azure.net/.default", "https://vault.azure.net"),
                      ("api://aad-func", "api://aad-func"), ("https://management.azure.com/", "https://management.azure.com/"),
                      ("api://x/.default/.default", "api://x/.default")])
    func mapping(scope: String, resource: String) throws {
        #expect(try ManagedIdentityCredential.resource(forScopes: [scope]) == resource)
    }

    @Test("no scope, two scopes, or an empty resource are invalidScope errors")
    func invalid() async {
        for scopes in [[], ["api://a/.default", "api://b/.default"], ["/.default"], [""]] {
            do {
                _ = try ManagedIdentityCredential.resource(forScopes: scopes)
                Issue.record("\(scopes) was accepted")
            } catch {
                #expect(error.reason == .invalidScope)
            }
        }
        // The credential refuses before any request (no endpoint exists at port 9).
        let credential = ManagedIdentityCredential(environment: Fixture.appServiceEnvironment("http://127.0.0.1:9"))
        let error = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: ["api://a/.default", "api://b/.default"]) }
        #expect(error?.reason == .invalidScope)
    }
}
