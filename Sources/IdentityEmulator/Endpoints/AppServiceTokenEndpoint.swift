import HTTPServer
import JOSE

/// `GET /msi/token`: the App Service / Azure Functions / Container Apps identity endpoint,
/// api-version 2019-08-01, as the reference describes it (managed-identity-protocols.md §1, §8.1).
///
/// Checks, in order: `X-IDENTITY-HEADER` equals the secret (constant-time); the query decodes,
/// repeats no name and names nothing but `api-version`, `resource`, `client_id`,
/// `principal_id`, `object_id`, `mi_res_id`; `api-version` is `2019-08-01`; `resource` is
/// present; at most one identity selector; the identity exists; the resource names an app.
/// Errors use the service's own shape, `{"statusCode":…,"message":…,"correlationId":…}`, with
/// an `X-CORRELATION-ID` header; an unknown resource is a 500, as on the real service.
struct AppServiceTokenEndpoint: Sendable {
    static let path = "/msi/token"
    static let apiVersion = "2019-08-01"
    static let selectors = ["client_id", "principal_id", "object_id", "mi_res_id"]
    static let knownParameters: Set<String> = Set(["api-version", "resource"] + selectors)

    let service: EmulatorService

    /// Names the parameter, and for the resource-ID spellings of other hosts says which one this
    /// endpoint documents. App Service selects a user-assigned identity by ARM resource ID with
    /// `mi_res_id` only: IMDS's `msi_res_id` is ignored by the real service, and `resource_id`
    /// (what async azure-identity puts on the wire) is not a parameter of it — accepting either
    /// here would hide a client bug that gets the wrong identity, or none, in Azure.
    static func unknownParameterMessage(_ name: String) -> String {
        switch name {
        case "resource_id", "msi_res_id":
            "Unknown query parameter '\(name)': the App Service endpoint selects a user-assigned identity by resource ID with mi_res_id."
        default:
            "Unknown query parameter '\(name)'."
        }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let correlationID = TokenIssuer.correlationID()
        func failure(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
            let body = JSONValue.orderedObject([
                ("statusCode", .number(JSONNumber(Int64(status.code)))), ("message", .string(message)),
                ("correlationId", .string(correlationID)),
            ])
            return .emulatorJSON(body, status: status, headers: ["X-CORRELATION-ID": correlationID])
        }
        let secrets = request.headers.values(for: "X-IDENTITY-HEADER")
        guard secrets.count == 1, ConstantTime.equals(Array(secrets[0].utf8), Array(service.identityHeader.utf8)) else {
            return failure(.badRequest, "Invalid secret token header.")
        }
        let query: RawQuery
        do {
            query = try RawQuery(rawTarget: request.rawTarget)
        } catch {
            return failure(.badRequest, "Malformed query string: \(error.detail).")
        }
        if let name = query.firstDuplicateName { return failure(.badRequest, "Duplicate query parameter '\(name)'.") }
        if let name = query.firstUnknownName(known: Self.knownParameters) {
            return failure(.badRequest, Self.unknownParameterMessage(name))
        }
        guard let version = query["api-version"] else { return failure(.badRequest, "The api-version query parameter is required.") }
        guard version == Self.apiVersion else {
            return failure(.badRequest, "api-version '\(version)' is not supported; use \(Self.apiVersion).")
        }
        guard let resource = query["resource"], !resource.isEmpty else {
            return failure(.badRequest, "The resource query parameter is required.")
        }
        let given = Self.selectors.filter { query[$0] != nil }
        guard given.count <= 1 else {
            return failure(.badRequest, "Only one of client_id, principal_id, object_id and mi_res_id may be given; got \(given.joined(separator: ", ")).")
        }
        let selector: IdentitySelector = switch given.first {
        case "client_id": .clientID(query["client_id"] ?? "")
        case "principal_id": .objectID(query["principal_id"] ?? "")
        case "object_id": .objectID(query["object_id"] ?? "")
        case "mi_res_id": .resourceID(query["mi_res_id"] ?? "")
        default: .systemAssigned
        }
        guard let identity = selector.resolve(in: service.configuration) else {
            return failure(.badRequest, "Unable to load the proper Managed Identity.")
        }
        let issued: IssuedToken
        do {
            issued = try service.issue(to: identity, resource: resource)
        } catch {
            return failure(.internalServerError, error.message)
        }
        return .emulatorJSON(.orderedObject([
            ("access_token", .string(issued.accessToken)),
            ("expires_on", .string(String(issued.expiresOn))),
            ("resource", .string(issued.resource)),
            ("token_type", "Bearer"),
            ("client_id", .string(identity.clientID)),
        ]))
    }
}
