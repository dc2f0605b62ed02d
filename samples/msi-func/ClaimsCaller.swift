import Foundation
import ManagedIdentity
import OutboundHTTP

/// Gets a managed-identity token and calls the protected API with it: the caller half of the
/// scenario. One instance is shared by all requests, so its credential's cache is too.
struct ClaimsCaller: Sendable {
    /// What the API answered.
    struct Outcome: Sendable {
        var status: Int
        var body: String
    }

    let credential: ManagedIdentityCredential
    let scope: String
    let url: URL
    let fetcher: any HTTPFetcher

    init(configuration: CallerConfiguration, fetcher: any HTTPFetcher = URLSessionFetcher()) {
        let identity: ManagedIdentityID = configuration.clientID.map(ManagedIdentityID.clientID) ?? .systemAssigned
        credential = ManagedIdentityCredential(identity: identity)
        scope = configuration.scope
        url = configuration.url
        self.fetcher = fetcher
    }

    /// Token, then `GET url` with `Authorization: Bearer …`.
    func call() async throws -> Outcome {
        let token = try await credential.token(for: scope)
        let request = OutboundRequest(url: url, headers: [("Authorization", "Bearer \(token.token)"), ("Accept", "application/json")])
        let response = try await fetcher.fetch(request)
        return Outcome(status: response.status, body: String(decoding: response.body, as: UTF8.self))
    }
}
