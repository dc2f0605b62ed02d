import OutboundHTTP

/// Sends one token request, retrying per ``RetryPolicy``, and returns the first 2xx answer or
/// throws the classified last failure. Transport failures (unreachable, timed out) are not
/// retried: the request timeout already bounds them, and on a host without IMDS retrying
/// would only delay the "no managed identity" answer.
struct RetryingExchange: Sendable {
    let fetcher: any HTTPFetcher
    let policy: RetryPolicy
    let classifier: FailureClassifier

    func perform(_ request: OutboundRequest) async throws(ManagedIdentityError) -> OutboundResponse {
        let clock = ContinuousClock()
        let start = clock.now
        var retry = 0
        while true {
            let response: OutboundResponse
            do {
                response = try await fetcher.fetch(request)
            } catch {
                throw classifier.classify(error)
            }
            if response.isSuccess { return response }
            guard policy.retries(status: response.status), retry < policy.maximumRetries else {
                throw classifier.classify(response, attempts: retry + 1)
            }
            retry += 1
            let delay = response.retryAfter ?? policy.delay(beforeRetry: retry, after: response.status)
            if clock.now - start + delay > policy.maximumElapsed {
                throw classifier.classify(response, attempts: retry, gaveUpEarly: true)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw ManagedIdentityError(.cancelled, "the token request to \(classifier.source.host) was cancelled while waiting to retry")
            }
        }
    }
}
