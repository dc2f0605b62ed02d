/// Runs requests through a router and its middleware without sockets: the test seam for
/// handlers, middleware and access rules.
///
/// Each request is written as HTTP/1.1 bytes and read back by the server's own parser, so the
/// target is decoded exactly as on a connection (percent-decoding, query parsing, refusal of bad
/// targets and header fields with the same `400` problem). The context is created from a
/// `RequestContextSource` with the client's logger and remote address, and errors thrown by
/// handlers or middleware become responses exactly as in `Server` (`HTTPResponseError` → its
/// response, anything else → a `500` problem).
///
/// ```swift
/// var router = Router()
/// router.get("/items/:id") { request, context in
///     .text("\(context.parameters["id"] ?? "") \(request.query["x"] ?? "")")
/// }
/// let client = try router.testClient()
/// let response = try await client.execute(.get, "/items/1?x=2", headers: ["Authorization": "Bearer t"])
/// #expect(response.status == .ok)
/// #expect(response.bodyText == "1 2")
/// ```
public struct RouterTestClient<Context: RequestContext>: Sendable {
    private let responder: @Sendable (HTTPRequest, SocketAddress?) async -> HTTPResponse
    private let limits: HTTPParserLimits
    /// The address handed to the context as the client's (`context.remoteAddress`).
    public var remoteAddress: SocketAddress?

    init(router: Router<Context>, logger: Logger, remoteAddress: SocketAddress?, limits: HTTPParserLimits) {
        self.responder = RequestResponder.make(handler: router.makeResponder(), logger: logger)
        self.remoteAddress = remoteAddress
        self.limits = limits
    }

    /// Sends `method` and `target` (origin-form such as `/a%20b?x=1`, or absolute-form) with
    /// `headers` and `body`, and returns the response.
    ///
    /// A `Host` field (`localhost`) is added when `headers` has none, and `Content-Length` when
    /// the body is not empty and `headers` has neither `Content-Length` nor `Transfer-Encoding`
    /// (with `Transfer-Encoding: chunked`, pass the body chunked). A request the parser refuses
    /// gets the problem response the server would send. Throws only what a streamed body's
    /// producer throws (on a connection the client would see a truncated body).
    public func execute(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) async throws -> TestResponse {
        let request: HTTPRequest
        switch parse(method, target, headers: headers, body: body) {
        case .success(let parsed): request = parsed
        case .failure(let response): return try await collect(response, method: method)
        }
        let response = await responder(request, remoteAddress)
        guard (200...999).contains(response.status.code) else {
            // As on a connection: a 1xx or malformed final status is a server error.
            return try await collect(
                .problem(.internalServerError, detail: "The server could not complete the request."), method: method)
        }
        return try await collect(response, method: method)
    }

    /// Sends `body` as UTF-8 (see `execute(_:_:headers:body:)`).
    ///
    /// ```swift
    /// let response = try await client.execute(.post, "/echo", headers: ["Content-Type": "text/plain"], body: "hi")
    /// ```
    public func execute(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: String
    ) async throws -> TestResponse {
        try await execute(method, target, headers: headers, body: Array(body.utf8))
    }

    private enum Parsed {
        case success(HTTPRequest)
        case failure(HTTPResponse)
    }

    /// The request as the server's parser reads it from the wire, or the answer to a refusal.
    private func parse(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders, body: [UInt8]) -> Parsed {
        var wire: [UInt8] = []
        wire.append(contentsOf: method.rawValue.utf8)
        wire.append(UInt8(ascii: " "))
        wire.append(contentsOf: target.utf8)
        wire.append(contentsOf: " HTTP/1.1\r\n".utf8)
        if !headers.contains("host") { wire.append(contentsOf: "Host: localhost\r\n".utf8) }
        for field in headers {
            wire.append(contentsOf: field.name.utf8)
            wire.append(contentsOf: ": ".utf8)
            wire.append(contentsOf: field.value.utf8)
            wire.append(contentsOf: "\r\n".utf8)
        }
        if !body.isEmpty && !headers.contains("content-length") && !headers.contains("transfer-encoding") {
            wire.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8)
        }
        wire.append(contentsOf: "\r\n".utf8)
        wire.append(contentsOf: body)

        var parser = HTTPRequestParser(limits: limits)
        wire.withUnsafeBytes { parser.append($0) }
        do throws(HTTPParseError) {
            while let event = try parser.next() {
                if case .request(let request, _) = event { return .success(request) }
            }
        } catch {
            return .failure(error.problemResponse)
        }
        // The head or body never completed (for example a Content-Length larger than the body):
        // on a connection the request would time out.
        return .failure(.problem(.requestTimeout, detail: "The request was not received in time."))
    }

    /// The response as the client would read it: a streamed body collected, no body for `HEAD`
    /// or a status that carries none.
    private func collect(_ response: HTTPResponse, method: HTTPMethod) async throws -> TestResponse {
        var body: [UInt8]
        switch response.body.storage {
        case .bytes(let bytes):
            body = bytes
        case .stream(let producer):
            let sink = CollectingBodySink()
            do {
                try await producer(HTTPBodyWriter(sink: sink, stream: 0))
            } catch {
                _ = await sink.finish()
                throw error
            }
            body = await sink.finish()
        }
        if method == .head || !response.status.allowsBody { body = [] }
        return TestResponse(status: response.status, headers: response.headers, body: body)
    }
}
