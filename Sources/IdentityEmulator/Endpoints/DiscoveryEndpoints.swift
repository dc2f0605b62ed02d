import HTTPServer
import JOSE

/// The OpenID Connect discovery documents and JWK Sets, at Entra's paths under the tenant ID:
///
/// - `GET /{tid}/.well-known/openid-configuration`: v1, `issuer` `https://sts.windows.net/{tid}/`
///   (exactly the `iss` of the emulator's tokens), `jwks_uri` `{base}/{tid}/discovery/keys`.
/// - `GET /{tid}/v2.0/.well-known/openid-configuration`: v2, `issuer`
///   `https://login.microsoftonline.com/{tid}/v2.0`, `jwks_uri` `{base}/{tid}/discovery/v2.0/keys`.
/// - `GET /{tid}/discovery/keys` and `GET /{tid}/discovery/v2.0/keys`: `{"keys":[…]}`, current
///   key first, then the previous one during a rotation overlap.
///
/// Another tenant ID gets Entra's `400 {"error":"invalid_tenant",…}`.
struct DiscoveryEndpoints: Sendable {
    let service: EmulatorService

    func unknownTenant(_ tenant: String) -> HTTPResponse {
        .emulatorJSON(.orderedObject([
            ("error", "invalid_tenant"),
            ("error_description", .string("AADSTS90002: Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.")),
        ]), status: .badRequest)
    }

    func openIDConfiguration(tenant: String, version2: Bool, base: String) -> HTTPResponse {
        guard tenant.lowercased() == service.configuration.tenantID.lowercased() else { return unknownTenant(tenant) }
        let tid = service.configuration.tenantID
        let issuer = version2 ? "https://login.microsoftonline.com/\(tid)/v2.0" : "https://sts.windows.net/\(tid)/"
        let oauth = version2 ? "\(base)/\(tid)/oauth2/v2.0" : "\(base)/\(tid)/oauth2"
        let document = JSONValue.orderedObject([
            ("token_endpoint", .string("\(oauth)/token")),
            ("token_endpoint_auth_methods_supported", ["client_secret_post", "private_key_jwt", "client_secret_basic"]),
            ("jwks_uri", .string(version2 ? "\(base)/\(tid)/discovery/v2.0/keys" : "\(base)/\(tid)/discovery/keys")),
            ("response_modes_supported", ["query", "fragment", "form_post"]),
            ("subject_types_supported", ["pairwise"]),
            ("id_token_signing_alg_values_supported", ["RS256"]),
            ("response_types_supported", ["code", "id_token", "code id_token", "id_token token"]),
            ("scopes_supported", version2 ? ["openid", "profile", "email", "offline_access"] : ["openid"]),
            ("issuer", .string(issuer)),
            ("authorization_endpoint", .string("\(oauth)/authorize")),
            ("tenant_region_scope", "EU"),
            ("cloud_instance_name", "microsoftonline.com"),
        ])
        return .emulatorJSON(document)
    }

    func keys(tenant: String) -> HTTPResponse {
        guard tenant.lowercased() == service.configuration.tenantID.lowercased() else { return unknownTenant(tenant) }
        return .emulatorJSON(.object(service.jwks))
    }
}
