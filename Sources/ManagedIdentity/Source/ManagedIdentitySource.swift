public import Foundation

/// Where managed-identity tokens come from on this host, and how to ask.
///
/// Usually found from the environment with ``detect(in:)``, the way azure-identity does it.
///
/// ```swift
/// let source = try ManagedIdentitySource.detect(in: ProcessInfo.processInfo.environment)
/// print(source)   // "App Service identity endpoint http://127.0.0.1:41564/msi/token"
/// ```
public enum ManagedIdentitySource: Sendable, Hashable, CustomStringConvertible {
    /// The App Service / Azure Functions / Container Apps identity endpoint (api-version
    /// 2019-08-01): `IDENTITY_ENDPOINT`, authenticated with `X-IDENTITY-HEADER: <IDENTITY_HEADER>`.
    case appService(endpoint: URL, secret: String)
    /// The Azure Instance Metadata Service token endpoint (api-version 2018-02-01), by default
    /// `http://169.254.169.254/metadata/identity/oauth2/token`. `isDefaultAddress` is `false`
    /// when `AZURE_POD_IDENTITY_AUTHORITY_HOST` moved it.
    case imds(endpoint: URL, isDefaultAddress: Bool)

    /// IMDS's token URL at its well-known link-local address.
    public static let defaultIMDSEndpoint = URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!

    /// The IMDS token path appended to `AZURE_POD_IDENTITY_AUTHORITY_HOST`.
    public static let imdsTokenPath = "/metadata/identity/oauth2/token"

    /// The URL requests go to (without query parameters).
    public var endpoint: URL {
        switch self {
        case .appService(let endpoint, _): endpoint
        case .imds(let endpoint, _): endpoint
        }
    }

    /// The endpoint's host, as error messages name it.
    public var host: String { endpoint.host ?? "" }

    /// `App Service identity endpoint <url>` or `IMDS <url>`; never the secret.
    public var description: String {
        switch self {
        case .appService(let endpoint, _): "App Service identity endpoint \(endpoint.absoluteString)"
        case .imds(let endpoint, _): "IMDS \(endpoint.absoluteString)"
        }
    }

    /// The api-version this client speaks to the source.
    var apiVersion: String {
        switch self {
        case .appService: "2019-08-01"
        case .imds: "2018-02-01"
        }
    }

    /// A short name for messages: `App Service identity endpoint` or `IMDS`.
    var kindName: String {
        switch self {
        case .appService: "App Service identity endpoint"
        case .imds: "IMDS"
        }
    }
}
