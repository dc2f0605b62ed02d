import HTTPServer
import JOSE

/// `GET /metadata/identity/oauth2/token`: the Azure Instance Metadata Service token endpoint
/// (api-version 2018-02-01 and later), as the reference describes it
/// (managed-identity-protocols.md §2, §8.2). Clients reach it through
/// `AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:PORT`.
///
/// Checks, in order, each answered at once with no token work (the SDK's availability probe is
/// this request *without* `Metadata: true`, with a 1 s timeout, and any answer means "IMDS is
/// here"): no `X-Forwarded-For`; `Metadata: true` exactly; no repeated or unknown query
/// parameter (`api-version`, `resource`, `client_id`, `object_id`, `msi_res_id`,
/// `bypass_cache`); a known `api-version`; `resource` present; at most one selector; the
/// identity exists (`Identity not found`); the resource names an app (`invalid_resource`).
/// Errors are `{"error":…,"error_description":…}`, except the api-version ones, which use
/// IMDS's own `{"error":"Bad request. …","newest-versions":[…]}`.
struct IMDSTokenEndpoint: Sendable {
    static let path = "/metadata/identity/oauth2/token"
    static let selectors = ["client_id", "object_id", "msi_res_id"]
    static let knownParameters: Set<String> = Set(["api-version", "resource", "bypass_cache"] + selectors)
    /// IMDS api-versions that serve the identity category (2018-02-01 onwards).
    static let apiVersions: Set<String> = [
        "2018-02-01", "2018-04-02", "2018-10-01", "2019-02-01", "2019-03-11", "2019-04-30", "2019-06-01", "2019-06-04",
        "2019-08-01", "2019-08-15", "2019-11-01", "2020-06-01", "2020-07-15", "2020-09-01", "2020-10-01", "2020-12-01",
        "2021-01-01", "2021-02-01", "2021-03-01", "2021-05-01", "2021-10-01", "2021-11-01", "2021-11-15", "2021-12-13",
        "2023-07-01",
    ]
    static let newestVersions: [JSONValue] = ["2023-07-01", "2021-12-13", "2021-11-15"]

    let service: EmulatorService

    static func failure(_ error: String, _ description: String) -> HTTPResponse {
        .emulatorJSON(.orderedObject([("error", .string(error)), ("error_description", .string(description))]), status: .badRequest)
    }

    static func versionFailure(_ what: String) -> HTTPResponse {
        .emulatorJSON(.orderedObject([
            ("error", .string("Bad request. api-version \(what). For more information refer to aka.ms/azureimds")),
            ("newest-versions", .array(newestVersions)),
        ]), status: .badRequest)
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.headers.contains("X-Forwarded-For") {
            return Self.failure("invalid_request", "Requests with an X-Forwarded-For header are rejected")
        }
        let metadata = request.headers.values(for: "Metadata")
        guard metadata == ["true"] else {
            return Self.failure("invalid_request", "Required metadata header not specified")
        }
        let query: RawQuery
        do {
            query = try RawQuery(rawTarget: request.rawTarget)
        } catch {
            return Self.failure("invalid_request", "Malformed query string: \(error.detail)")
        }
        if let name = query.firstDuplicateName { return Self.failure("invalid_request", "Duplicate query parameter \(name)") }
        guard let version = query["api-version"] else { return Self.versionFailure("was not specified in the request") }
        guard Self.apiVersions.contains(version) else { return Self.versionFailure("is invalid or was not specified in the request") }
        if let name = query.firstUnknownName(known: Self.knownParameters) {
            // resource_id is what async azure-identity sends for a resource ID; IMDS documents msi_res_id.
            let hint = name == "resource_id" ? " (IMDS selects a user-assigned identity by resource ID with msi_res_id)" : ""
            return Self.failure("invalid_request", "Unknown query parameter \(name)\(hint)")
        }
        if let bypass = query["bypass_cache"], bypass != "true" {
            return Self.failure("invalid_request", "bypass_cache must be true when given")
        }
        guard let resource = query["resource"], !resource.isEmpty else {
            return Self.failure("invalid_request", "Required query parameter resource is missing")
        }
        let given = Self.selectors.filter { query[$0] != nil }
        guard given.count <= 1 else {
            return Self.failure("invalid_request", "Only one of client_id, object_id and msi_res_id may be given")
        }
        let selector: IdentitySelector = switch given.first {
        case "client_id": .clientID(query["client_id"] ?? "")
        case "object_id": .objectID(query["object_id"] ?? "")
        case "msi_res_id": .resourceID(query["msi_res_id"] ?? "")
        default: .systemAssigned
        }
        guard let identity = selector.resolve(in: service.configuration) else {
            return Self.failure("invalid_request", "Identity not found")
        }
        let issued: IssuedToken
        do {
            issued = try service.issue(to: identity, resource: resource)
        } catch {
            return Self.failure("invalid_resource", error.message)
        }
        let expiresIn = String(issued.expiresOn - issued.issuedAt)
        var members: [(String, JSONValue)] = [
            ("access_token", .string(issued.accessToken)),
            ("client_id", .string(identity.clientID)),
            ("expires_in", .string(expiresIn)),
            ("expires_on", .string(String(issued.expiresOn))),
            ("ext_expires_in", .string(expiresIn)),
        ]
        if let requested = query["msi_res_id"] { members.append(("msi_res_id", .string(requested))) }
        members.append(("not_before", .string(String(issued.issuedAt))))
        if let requested = query["object_id"] { members.append(("object_id", .string(requested))) }
        members += [("resource", .string(issued.resource)), ("token_type", "Bearer")]
        return .emulatorJSON(.orderedObject(members))
    }
}
