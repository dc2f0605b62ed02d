/// An HTTP response: status, header fields and body.
///
/// The server adds `Date`, `Server`, `Content-Length` (or chunked framing) and `Connection`
/// itself; handlers set only what is theirs.
///
/// ```swift
/// return .text("ok")
/// return try .json(["status": "healthy"])
/// return HTTPResponse(status: .noContent)
/// ```
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
