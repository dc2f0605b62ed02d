import Foundation

/// Tokens per (identity, resource), with single flight: however many callers ask at once, one
/// request per key is in flight, and they all get its result.
actor TokenCache {
    struct Key: Hashable, Sendable {
        var identity: ManagedIdentityID
        var resource: String
    }

    typealias Fetch = @Sendable () async -> Result<AccessToken, ManagedIdentityError>

    private var tokens: [Key: AccessToken] = [:]
    private var inFlight: [Key: Task<Result<AccessToken, ManagedIdentityError>, Never>] = [:]

    /// The cached token when it is usable at `now` (starting a background refresh when it is past
    /// its `refreshOn`), otherwise the result of the (shared) request.
    func token(for key: Key, now: Date, fetch: @escaping Fetch) async -> Result<AccessToken, ManagedIdentityError> {
        if let cached = tokens[key] {
            switch RefreshRule.state(of: cached, at: now) {
            case .fresh:
                return .success(cached)
            case .refreshAhead:
                _ = request(for: key, fetch: fetch)
                return .success(cached)
            case .expired:
                tokens[key] = nil
            }
        }
        return await request(for: key, fetch: fetch).value
    }

    /// Drops every cached token (requests in flight still complete and are cached).
    func removeAll() {
        tokens.removeAll()
    }

    /// The request in flight for `key`, or a new one.
    private func request(for key: Key, fetch: @escaping Fetch) -> Task<Result<AccessToken, ManagedIdentityError>, Never> {
        if let running = inFlight[key] { return running }
        let task = Task<Result<AccessToken, ManagedIdentityError>, Never> {
            let result = await fetch()
            self.finish(key, result)
            return result
        }
        inFlight[key] = task
        return task
    }

    private func finish(_ key: Key, _ result: Result<AccessToken, ManagedIdentityError>) {
        inFlight[key] = nil
        if case .success(let token) = result { tokens[key] = token }
    }
}
