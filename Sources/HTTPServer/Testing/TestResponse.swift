/// A response as `RouterTestClient.execute` returns it: what the handler and middleware
/// produced, with a streamed body collected into bytes.
///
/// ```swift
/// let response = try await client.execute(.get, "/hello")
/// #expect(response.status == .ok)
/// #expect(response.headers["content-type"] == "text/plain; charset=utf-8")
/// #expect(response.bodyText == "ok")
/// ```
public struct TestResponse: Sendable {
    /// The status code and reason phrase.
    public var status: HTTPStatus
    /// The fields the handler and middleware set. The fields the server adds while writing
    /// (`Date`, `Server`, `Content-Length` / `Transfer-Encoding`, `Connection`) are not included.
    public var headers: HTTPHeaders
    /// The body (empty for `HEAD` and for statuses that carry none, as on the wire).
    public var body: [UInt8]

    /// Creates a response (the test client does this).
    public init(status: HTTPStatus, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8 (invalid bytes become U+FFFD).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
