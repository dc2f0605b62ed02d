import Foundation
import OutboundHTTP

/// Builds the one GET request each source expects, as azure-identity / MSAL send it:
///
/// - App Service: `GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…[&client_id|principal_id|mi_res_id=…]`
///   with `X-IDENTITY-HEADER: <IDENTITY_HEADER>` and `Metadata: true`;
/// - IMDS: `GET {host}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=…[&client_id|object_id|msi_res_id=…]`
///   with `Metadata: true` (never `X-Forwarded-For`).
///
/// Values are percent-encoded (RFC 3986 unreserved set); an endpoint that already has a query
/// gets the parameters appended with `&`.
struct TokenRequestBuilder: Sendable {
    let source: ManagedIdentitySource
    let identity: ManagedIdentityID
    let timeout: Duration

    /// Responses are small JSON documents; anything bigger than this is refused.
    static let maximumResponseByteCount = 64 * 1024

    func request(resource: String) -> OutboundRequest {
        var parameters: [(String, String)] = [("api-version", source.apiVersion), ("resource", resource)]
        if let selector = identity.queryItem(for: source) { parameters.append(selector) }
        let query = parameters.map { "\(percentEncodedQueryValue($0.0))=\(percentEncodedQueryValue($0.1))" }.joined(separator: "&")

        var base = source.endpoint.absoluteString
        if base.hasSuffix("?") || base.hasSuffix("&") {
            base += query
        } else {
            base += (source.endpoint.query == nil ? "?" : "&") + query
        }
        // The base came from a URL and the query is fully percent-encoded: this always parses.
        let url = URL(string: base) ?? source.endpoint

        var headers: [(name: String, value: String)] = [("Metadata", "true")]
        if case .appService(_, let secret) = source { headers.insert(("X-IDENTITY-HEADER", secret), at: 0) }
        return OutboundRequest(url: url, headers: headers, timeout: timeout,
                               maximumResponseByteCount: Self.maximumResponseByteCount)
    }
}
