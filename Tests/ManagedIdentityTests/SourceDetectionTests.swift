import Foundation
import ManagedIdentity
import OutboundHTTP
import Testing

@Suite("Source detection from the environment")
struct SourceDetectionTests {
    @Test("IDENTITY_ENDPOINT + IDENTITY_HEADER select App Service")
    func appService() throws {
        let source = try ManagedIdentitySource.detect(in: ["IDENTITY_ENDPOINT": "http://127.0.0.1:41564/msi/token", "IDENTITY_HEADER": "x",
                                                           "MSI_ENDPOINT": "http://127.0.0.1:41564/msi/token", "MSI_SECRET": "x"])
        #expect(source == .appService(endpoint: URL(string: "http://127.0.0.1:41564/msi/token")!, secret: "x"))
    }

    @Test("no variables select IMDS at 169.254.169.254")
    func defaultIMDS() throws {
        let source = try ManagedIdentitySource.detect(in: [:])
        #expect(source == .imds(endpoint: URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!, isDefaultAddress: true))
    }

    @Test("only one of IDENTITY_ENDPOINT / IDENTITY_HEADER falls through to IMDS, as azure-identity does")
    func halfAppServiceIsIMDS() throws {
        #expect(try ManagedIdentitySource.detect(in: ["IDENTITY_HEADER": "x"]) == .imds(endpoint: ManagedIdentitySource.defaultIMDSEndpoint, isDefaultAddress: true))
        #expect(try ManagedIdentitySource.detect(in: ["IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi/token"]) == .imds(endpoint: ManagedIdentitySource.defaultIMDSEndpoint, isDefaultAddress: true))
    }

    @Test("AZURE_POD_IDENTITY_AUTHORITY_HOST moves IMDS (trailing slashes stripped, token path appended)")
    func podIdentityOverride() throws {
        let source = try ManagedIdentitySource.detect(in: ["AZURE_POD_IDENTITY_AUTHORITY_HOST": "http://127.0.0.1:35287/"])
        #expect(source == .imds(endpoint: URL(string: "http://127.0.0.1:35287/metadata/identity/oauth2/token")!, isDefaultAddress: false))
    }

    @Test("hosts this client does not speak to are reported, not mistaken for IMDS",
          arguments: [
            ["IDENTITY_ENDPOINT": "https://10.0.0.4:2377/metadata/identity/oauth2/token", "IDENTITY_HEADER": "x", "IDENTITY_SERVER_THUMBPRINT": "ab"],
            ["IDENTITY_ENDPOINT": "http://localhost:40342/metadata/identity/oauth2/token", "IMDS_ENDPOINT": "http://localhost:40342"],
            ["MSI_ENDPOINT": "http://127.0.0.1:1/msi/token", "MSI_SECRET": "x"],
            ["MSI_ENDPOINT": "http://localhost:50342/oauth2/token"],
            ["AZURE_AUTHORITY_HOST": "https://login.microsoftonline.com/", "AZURE_TENANT_ID": "t", "AZURE_FEDERATED_TOKEN_FILE": "/var/run/token"],
          ])
    func unsupported(environment: [String: String]) {
        #expect(throws: ManagedIdentityError.self) { try ManagedIdentitySource.detect(in: environment) }
        do {
            _ = try ManagedIdentitySource.detect(in: environment)
        } catch {
            #expect(error.reason == .unsupportedEnvironment, "\(error)")
        }
    }

    @Test("a malformed IDENTITY_ENDPOINT is a configuration error, reported by token()")
    func malformedEndpoint() async {
        let credential = ManagedIdentityCredential(environment: ["IDENTITY_ENDPOINT": "not a url", "IDENTITY_HEADER": "x"])
        let error = await managedIdentityError { () throws(ManagedIdentityError) in try await credential.token(for: "api://aad-func/.default") }
        #expect(error?.reason == .invalidConfiguration)
    }

    @Test("the source's description never shows the IDENTITY_HEADER secret")
    func descriptionHidesSecret() throws {
        let source = try ManagedIdentitySource.detect(in: Fixture.appServiceEnvironment("http://127.0.0.1:9"))
        #expect(!"\(source)".contains(Fixture.secret))
        #expect("\(source)".contains("127.0.0.1:9"))
    }

    @Test("the default fetcher allows plain http to exactly the IMDS address")
    func defaultFetcherAllowsIMDSOnly() throws {
        let fetcher = ManagedIdentityCredential.defaultFetcher(for: try ManagedIdentitySource.detect(in: [:]))
        try fetcher.checkURL(URL(string: "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01")!)
        #expect(throws: FetchError.self) { try fetcher.checkURL(URL(string: "http://169.254.169.253/x")!) }
        #expect(throws: FetchError.self) { try fetcher.checkURL(URL(string: "http://example.com/x")!) }
        #expect(throws: FetchError.self) {
            try URLSessionFetcher().checkURL(URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!)
        }
    }
}
