public import Foundation

/// One outbound HTTP request: what the key provider and the managed-identity client send.
///
/// Every request carries its own time limit and response-size cap, so a slow or hostile server
/// can cost neither unbounded time nor unbounded memory.
///
/// ```swift
/// let request = OutboundRequest(url: URL(string: "https://login.microsoftonline.com/common/discovery/v2.0/keys")!,
///                               timeout: .seconds(10), maximumResponseByteCount: 1 << 20)
/// let response = try await fetcher.fetch(request)
/// ```
public struct OutboundRequest: Sendable {
    /// The URL; `https`, or `http` to a loopback host only (see ``URLSessionFetcher``).
    public var url: URL
    /// The method (`GET` by default).
    public var method: String
    /// Header fields to send, in order.
    public var headers: [(name: String, value: String)]
    /// The body, if any.
    public var body: [UInt8]?
    /// The whole exchange must finish within this time (default 10 s).
    public var timeout: Duration
    /// The largest response body accepted, in bytes (default 1 MiB); a larger one fails with
    /// ``FetchError/Reason/responseTooLarge`` as soon as it is known to be larger.
    public var maximumResponseByteCount: Int

    /// A request; `GET`, no body, 10 s, 1 MiB unless told otherwise.
    public init(url: URL, method: String = "GET", headers: [(name: String, value: String)] = [],
                body: [UInt8]? = nil, timeout: Duration = .seconds(10), maximumResponseByteCount: Int = 1 << 20) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maximumResponseByteCount = maximumResponseByteCount
    }
}
