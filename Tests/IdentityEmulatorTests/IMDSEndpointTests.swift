import Foundation
import JOSE
import Testing
@testable import IdentityEmulator

@Suite("IMDS token endpoint (GET /metadata/identity/oauth2/token)")
struct IMDSEndpointTests {
    typealias E = RunningEmulator

    @Test("a token: every member a string, in IMDS order; expires_in is the lifetime")
    func success() async throws {
        let running = try await E.shared.value
        let response = try running.imds("api-version=2018-02-01&resource=api://aad-func")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let body = try JSONBody.object(response)
        #expect(body.names == ["access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before", "resource", "token_type"])
        #expect(body.members.allSatisfy { $0.value.stringValue != nil })
        #expect(body["expires_in"] == "86700")
        #expect(body["ext_expires_in"] == "86700")
        #expect(body["client_id"]?.stringValue == E.msiFunc.clientID)
        let claims = try JSONBody.decodePart(try #require(body["access_token"]?.stringValue).split(separator: ".")[1])
        #expect(body["not_before"]?.stringValue == JSONBody.int(claims["nbf"]).map(String.init))
        #expect(body["expires_on"]?.stringValue == JSONBody.int(claims["exp"]).map(String.init))
    }

    @Test("object_id and msi_res_id are echoed, as the swagger says")
    func echoes() async throws {
        let running = try await E.shared.value
        let byObject = try JSONBody.object(running.imds("api-version=2018-02-01&resource=api://aad-func&object_id=\(E.readerFunc.objectID)"))
        #expect(byObject["object_id"]?.stringValue == E.readerFunc.objectID)
        #expect(byObject["client_id"]?.stringValue == E.readerFunc.clientID)
        let encoded = E.readerFunc.resourceID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let byResource = try JSONBody.object(running.imds("api-version=2018-02-01&resource=api://aad-func&msi_res_id=\(encoded)"))
        #expect(byResource["msi_res_id"]?.stringValue == E.readerFunc.resourceID)
    }

    @Test("the SDK's availability probe (no Metadata header) gets IMDS's 400 at once")
    func probe() async throws {
        let running = try await E.shared.value
        let clock = ContinuousClock()
        let start = clock.now
        let response = try running.imds("api-version=2018-02-01&resource=api://aad-func", metadata: nil)
        #expect(clock.now - start < .seconds(1))
        #expect(response.status == 400)
        #expect(response.body == Array(#"{"error":"invalid_request","error_description":"Required metadata header not specified"}"#.utf8))
    }

    /// (query, metadata, extra header, exact body)
    static let errors: [(String, String?, Bool, String)] = [
        ("api-version=2018-02-01&resource=api://aad-func", "True", false,
         #"{"error":"invalid_request","error_description":"Required metadata header not specified"}"#),
        ("api-version=2018-02-01&resource=api://aad-func", "true", true,
         #"{"error":"invalid_request","error_description":"Requests with an X-Forwarded-For header are rejected"}"#),
        ("resource=api://aad-func", "true", false,
         #"{"error":"Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds","newest-versions":["2023-07-01","2021-12-13","2021-11-15"]}"#),
        ("api-version=2017-01-01&resource=api://aad-func", "true", false,
         #"{"error":"Bad request. api-version is invalid or was not specified in the request. For more information refer to aka.ms/azureimds","newest-versions":["2023-07-01","2021-12-13","2021-11-15"]}"#),
        ("api-version=2018-02-01", "true", false, #"{"error":"invalid_request","error_description":"Required query parameter resource is missing"}"#),
        ("api-version=2018-02-01&resource=api://aad-func&client_id=x&client_id=y", "true", false,
         #"{"error":"invalid_request","error_description":"Duplicate query parameter client_id"}"#),
        ("api-version=2018-02-01&resource=api://aad-func&mi_res_id=x", "true", false,
         #"{"error":"invalid_request","error_description":"Unknown query parameter mi_res_id"}"#),
        ("api-version=2018-02-01&resource=api://aad-func&resource_id=x", "true", false,
         #"{"error":"invalid_request","error_description":"Unknown query parameter resource_id (IMDS selects a user-assigned identity by resource ID with msi_res_id)"}"#),
        ("api-version=2018-02-01&resource=api://aad-func&client_id=a&object_id=b", "true", false,
         #"{"error":"invalid_request","error_description":"Only one of client_id, object_id and msi_res_id may be given"}"#),
        ("api-version=2018-02-01&resource=api://aad-func&client_id=00000000-0000-0000-0000-000000000000", "true", false,
         #"{"error":"invalid_request","error_description":"Identity not found"}"#),
    ]

    @Test("each refusal is 400 with the exact IMDS body", arguments: errors)
    func refusals(query: String, metadata: String?, forwarded: Bool, body: String) async throws {
        let running = try await E.shared.value
        let response = try running.imds(query, metadata: metadata, extra: forwarded ? [("X-Forwarded-For", "10.0.0.1")] : [])
        #expect(response.status == 400)
        #expect(response.text == body)
    }

    @Test("an unknown resource is 400 invalid_resource with AADSTS500011")
    func unknownResource() async throws {
        let running = try await E.shared.value
        let response = try running.imds("api-version=2018-02-01&resource=https://vault.azure.net")
        #expect(response.status == 400)
        let body = try JSONBody.object(response)
        #expect(body["error"] == "invalid_resource")
        #expect(body["error_description"]?.stringValue?.hasPrefix("AADSTS500011: The resource principal named https://vault.azure.net was not found") == true)
    }
}
