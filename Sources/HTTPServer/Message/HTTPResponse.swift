/// An HTTP response: status, header fields and body.
///
/// The server adds `Date`, `Server`, `Content-Length` (or chunked framing) and `Connection`
/// itself; handlers set only what is theirs.
///
/// ```swift
/// return .text("ok")
/// return try .json(["status": "healthy"])
/// return .problem(.notFound, detail: "No item 42.")
/// return HTTPResponse(status: .noContent)
/// return HTTPResponse(status: .ok, body: .stream { writer in
///     for line in lines { try await writer.write(line + "\n") }
/// })
/// ```
public struct HTTPResponse: Sendable {
    /// The status code and reason phrase.
    public var status: HTTPStatus
    /// Fields set by the handler; the server adds the framing, `Date` and `Server` fields.
    public var headers: HTTPHeaders
    /// Bytes or a stream.
    public var body: HTTPResponseBody

    /// A response with a body of any kind (bytes or a stream).
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is `body`, sent with `Content-Length`.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(body))
    }
}
