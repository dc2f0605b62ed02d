import Foundation
import HTTPServer
import ManagedIdentity
import Testing

/// What goes on the wire, checked on a real loopback socket.
@Suite("Request shapes")
struct RequestShapeTests {
    static let selectors: [(ManagedIdentityID, appService: String?, imds: String?, value: String?)] = [
        (.systemAssigned, nil, nil, nil),
        (.clientID(Fixture.clientID), "client_id", "client_id", Fixture.clientID),
        (.objectID(Fixture.objectID), "principal_id", "object_id", Fixture.objectID),
        (.resourceID(Fixture.resourceID), "mi_res_id", "msi_res_id", Fixture.resourceID),
    ]

    @Test("App Service: GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…[&selector], X-IDENTITY-HEADER and Metadata",
          arguments: 0..<4)
    func appService(index: Int) async throws {
        let (identity, selector, _, value) = Self.selectors[index]
        let endpoint = FakeEndpoint { _, _ in Fixture.appServiceOK(Fixture.token()) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.appServiceEnvironment(base), identity: identity)
            let token = try await credential.token(for: "api://aad-func/.default")
            #expect(token.resource == "api://aad-func")
        }
        let request = try #require(endpoint.requests.first)
        #expect(endpoint.count == 1)
        #expect(request.path == "/msi/token")
        var expectedNames = ["api-version", "resource"]
        if let selector { expectedNames.append(selector) }
        #expect(request.queryNames == expectedNames)
        #expect(request.query["api-version"] == "2019-08-01")
        #expect(request.query["resource"] == "api://aad-func")
        if let selector { #expect(request.query[selector] == value) }
        // Values are percent-encoded on the wire (RFC 3986 unreserved set).
        #expect(request.rawTarget.hasPrefix("/msi/token?api-version=2019-08-01&resource=api%3A%2F%2Faad-func"))
        #expect(request.headers["X-IDENTITY-HEADER"] == Fixture.secret)
        #expect(request.headers["Metadata"] == "true")
        #expect(request.headers["X-Forwarded-For"] == nil)
    }

    @Test("IMDS: GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…[&selector] with Metadata: true",
          arguments: 0..<4)
    func imds(index: Int) async throws {
        let (identity, _, selector, value) = Self.selectors[index]
        let endpoint = FakeEndpoint { _, _ in Fixture.imdsOK(Fixture.token()) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(Fixture.imdsEnvironment(base), identity: identity)
            _ = try await credential.token(for: "api://aad-func/.default")
        }
        let request = try #require(endpoint.requests.first)
        #expect(request.path == "/metadata/identity/oauth2/token")
        var expectedNames = ["api-version", "resource"]
        if let selector { expectedNames.append(selector) }
        #expect(request.queryNames == expectedNames)
        #expect(request.query["api-version"] == "2018-02-01")
        #expect(request.query["resource"] == "api://aad-func")
        if let selector { #expect(request.query[selector] == value) }
        #expect(request.headers["Metadata"] == "true")
        #expect(request.headers["X-IDENTITY-HEADER"] == nil)
        #expect(request.headers["X-Forwarded-For"] == nil)
    }

    @Test("an IDENTITY_ENDPOINT with a query gets the parameters appended with &")
    func endpointWithQuery() async throws {
        let endpoint = FakeEndpoint { _, _ in Fixture.appServiceOK(Fixture.token()) }
        try await endpoint.serve { base in
            let credential = Fixture.credential(["IDENTITY_ENDPOINT": base + "/msi/token?tenant=t1", "IDENTITY_HEADER": Fixture.secret])
            _ = try await credential.token(for: "api://aad-func")
        }
        let request = try #require(endpoint.requests.first)
        #expect(request.queryNames == ["tenant", "api-version", "resource"])
        #expect(request.query["tenant"] == "t1")
    }
}
