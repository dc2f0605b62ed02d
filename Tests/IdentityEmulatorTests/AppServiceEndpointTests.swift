import Foundation
import JOSE
import Testing
@testable import IdentityEmulator

@Suite("App Service identity endpoint (GET /msi/token, 2019-08-01)")
struct AppServiceEndpointTests {
    typealias E = RunningEmulator

    @Test("a token for api://aad-func: the documented body, members in order, expires_on a string equal to exp")
    func success() async throws {
        let running = try await E.shared.value
        let response = try running.appService("api-version=2019-08-01&resource=api://aad-func")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let body = try JSONBody.object(response)
        #expect(body.names == ["access_token", "expires_on", "resource", "token_type", "client_id"])
        #expect(body["resource"] == "api://aad-func")
        #expect(body["token_type"] == "Bearer")
        #expect(body["client_id"]?.stringValue == E.msiFunc.clientID)
        let token = try #require(body["access_token"]?.stringValue)
        let claims = try JSONBody.decodePart(token.split(separator: ".")[1])
        #expect(body["expires_on"]?.stringValue == JSONBody.int(claims["exp"]).map(String.init))
        #expect(claims["roles"] == ["DoAll"])
    }

    @Test("percent-encoded queries (MSAL) and the app's client ID as resource; aud echoes the request")
    func encodingsAndClientIDResource() async throws {
        let running = try await E.shared.value
        let encoded = try JSONBody.object(running.appService("api-version=2019-08-01&resource=api%3A%2F%2Faad-func"))
        let claims = try JSONBody.decodePart(try #require(encoded["access_token"]?.stringValue).split(separator: ".")[1])
        #expect(claims["aud"] == "api://aad-func")
        let byClientID = try JSONBody.object(running.appService("api-version=2019-08-01&resource=\(E.aadFunc.clientID)"))
        #expect(byClientID["resource"]?.stringValue == E.aadFunc.clientID)
        let guidClaims = try JSONBody.decodePart(try #require(byClientID["access_token"]?.stringValue).split(separator: ".")[1])
        #expect(guidClaims["aud"]?.stringValue == E.aadFunc.clientID)
        #expect(guidClaims["roles"] == ["DoAll"])
    }

    @Test("client_id, principal_id, object_id and mi_res_id select the user-assigned identity",
          arguments: ["client_id", "principal_id", "object_id", "mi_res_id"])
    func selectors(parameter: String) async throws {
        let running = try await E.shared.value
        let value = switch parameter {
        case "client_id": E.readerFunc.clientID
        case "mi_res_id": E.readerFunc.resourceID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        default: E.readerFunc.objectID.uppercased()
        }
        let response = try running.appService("api-version=2019-08-01&resource=api://aad-func&\(parameter)=\(value)")
        #expect(response.status == 200)
        let body = try JSONBody.object(response)
        #expect(body["client_id"]?.stringValue == E.readerFunc.clientID)
        let claims = try JSONBody.decodePart(try #require(body["access_token"]?.stringValue).split(separator: ".")[1])
        #expect(claims["appid"]?.stringValue == E.readerFunc.clientID)
        #expect(claims["oid"]?.stringValue == E.readerFunc.objectID)
        #expect(claims["roles"] == nil)
        #expect(claims["groups"] == .array([.string(E.readersGroup)]))
    }

    /// (query, secret, status, message prefix)
    static let errors: [(String, String?, Int, String)] = [
        ("api-version=2019-08-01&resource=api://aad-func", nil, 400, "Invalid secret token header."),
        ("api-version=2019-08-01&resource=api://aad-func", "wrong", 400, "Invalid secret token header."),
        ("api-version=2017-09-01&resource=api://aad-func", "test-secret", 400, "api-version '2017-09-01' is not supported"),
        ("resource=api://aad-func", "test-secret", 400, "The api-version query parameter is required."),
        ("api-version=2019-08-01", "test-secret", 400, "The resource query parameter is required."),
        ("api-version=2019-08-01&resource=api://aad-func&resource_id=/x", "test-secret", 400, "Unknown query parameter 'resource_id': the App Service endpoint selects a user-assigned identity by resource ID with mi_res_id."),
        ("api-version=2019-08-01&resource=api://aad-func&msi_res_id=/x", "test-secret", 400, "Unknown query parameter 'msi_res_id': the App Service"),
        ("api-version=2019-08-01&resource=api://aad-func&foo=1", "test-secret", 400, "Unknown query parameter 'foo'."),
        ("api-version=2019-08-01&resource=api://aad-func&resource=api://x", "test-secret", 400, "Duplicate query parameter 'resource'."),
        ("api-version=2019-08-01&resource=api://aad-func&client_id=a&object_id=b", "test-secret", 400, "Only one of client_id"),
        ("api-version=2019-08-01&resource=api://aad-func&client_id=00000000-0000-0000-0000-000000000000", "test-secret", 400,
         "Unable to load the proper Managed Identity."),
        ("api-version=2019-08-01&resource=api://nope", "test-secret", 500, "AADSTS500011: The resource principal named api://nope"),
        ("api-version=2019-08-01&resource=api://aad-func/.default", "test-secret", 500,
         "AADSTS500011: The resource principal named api://aad-func/.default"),
    ]

    @Test("each refusal: status, {statusCode,message,correlationId} and X-CORRELATION-ID", arguments: errors)
    func refusals(query: String, secret: String?, status: Int, message: String) async throws {
        let running = try await E.shared.value
        let response = try running.appService(query, secret: secret)
        #expect(response.status == status)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let body = try JSONBody.object(response)
        #expect(body.names == ["statusCode", "message", "correlationId"])
        #expect(JSONBody.int(body["statusCode"]) == status)
        #expect(body["message"]?.stringValue?.hasPrefix(message) == true, "\(body["message"]?.stringValue ?? "-")")
        #expect(response.header("X-CORRELATION-ID") == body["correlationId"]?.stringValue)
    }

    @Test("a bad percent escape never reaches the endpoint: the HTTP parser answers 400 problem+json")
    func badEscape() async throws {
        let running = try await E.shared.value
        let response = try running.appService("api-version=2019-08-01&resource=%ZZ")
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
    }

    @Test("POST is 405 with Allow: GET")
    func methodNotAllowed() async throws {
        let running = try await E.shared.value
        let response = try LoopbackClient.send(port: running.port, method: "POST", target: "/msi/token?api-version=2019-08-01&resource=api://aad-func",
                                               headers: [("X-IDENTITY-HEADER", "test-secret")])
        #expect(response.status == 405)
        #expect(response.header("Allow")?.contains("GET") == true)
    }
}
