/// An error that knows which response it should become.
///
/// When a handler or middleware throws an error conforming to this protocol, the server answers
/// with `response()` instead of a generic 500. Authentication uses this for 401/403 with a
/// `WWW-Authenticate` challenge.
///
/// ```swift
/// struct NotFound: HTTPResponseError {
///     var status: HTTPStatus { .notFound }
///     var detail: String? { "No such item." }
/// }
/// router.get("/items/:id") { _, _ in throw NotFound() }   // → 404 problem+json
/// ```
public protocol HTTPResponseError: Error {
    /// The status to answer with.
    var status: HTTPStatus { get }
    /// Extra response fields, for example `WWW-Authenticate`. Default: none.
    var headers: HTTPHeaders { get }
    /// The problem `detail` sentence; it is sent to the client, so never put secrets in it.
    /// Default: `nil`.
    var detail: String? { get }
    /// The whole response. Default: `application/problem+json` built from the members above.
    func response() -> HTTPResponse
}

extension HTTPResponseError {
    /// No extra fields.
    public var headers: HTTPHeaders { HTTPHeaders() }
    /// No detail sentence.
    public var detail: String? { nil }
    /// An `application/problem+json` response with `status`, `detail` and `headers`.
    public func response() -> HTTPResponse { .problem(status, detail: detail, headers: headers) }
}
