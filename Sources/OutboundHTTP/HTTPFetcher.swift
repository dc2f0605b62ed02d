/// Something that performs outbound HTTP requests. ``URLSessionFetcher`` is the real one; tests
/// inject fakes that answer from memory.
///
/// ```swift
/// struct CannedFetcher: HTTPFetcher {
///     func fetch(_ request: OutboundRequest) async throws(FetchError) -> OutboundResponse {
///         OutboundResponse(status: 200, body: Array(#"{"keys":[]}"#.utf8))
///     }
/// }
/// ```
public protocol HTTPFetcher: Sendable {
    /// Performs `request` and returns the whole response, or throws ``FetchError``.
    /// Non-2xx statuses are responses, not errors.
    func fetch(_ request: OutboundRequest) async throws(FetchError) -> OutboundResponse
}
