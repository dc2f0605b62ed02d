public import Foundation

extension HTTPResponse {
    /// A `text/plain; charset=utf-8` response.
    ///
    /// ```swift
    /// router.get("/hello") { _, _ in .text("ok") }
    /// ```
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .string(text))
    }

    /// An `application/json` response encoding `value` with `encoder` (compact, sorted keys by default).
    ///
    /// ```swift
    /// struct Claims: Encodable { var roles: [String] }
    /// router.get("/api/claims") { _, _ in try .json(Claims(roles: ["DoAll"])) }
    /// ```
    public static func json<Value: Encodable>(
        _ value: Value, status: HTTPStatus = .ok, encoder: JSONEncoder = HTTPResponse.defaultJSONEncoder()
    ) throws -> HTTPResponse {
        let data = try encoder.encode(value)
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: .bytes(Array(data)))
    }

    /// An `application/json` response whose body is `bytes`, already encoded (sent as is).
    ///
    /// ```swift
    /// router.get("/.well-known/openid-configuration") { _, _ in .json(bytes: metadataBytes) }
    /// ```
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return HTTPResponse(status: status, headers: headers, body: .bytes(bytes))
    }

    /// The encoder `json(_:status:encoder:)` uses by default: sorted keys, no escaped slashes.
    public static func defaultJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// An RFC 9457 `application/problem+json` response.
    ///
    /// ```swift
    /// return .problem(.notFound, detail: "No route for GET /nope.")
    /// ```
    public static func problem(
        _ status: HTTPStatus, detail: String? = nil, type: String = "about:blank", title: String? = nil,
        headers: HTTPHeaders = HTTPHeaders()
    ) -> HTTPResponse {
        problem(ProblemDetails(type: type, title: title, status: status, detail: detail), headers: headers)
    }

    /// An `application/problem+json` response carrying `details`.
    public static func problem(_ details: ProblemDetails, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/problem+json"
        return HTTPResponse(
            status: HTTPStatus(code: details.status), headers: headers, body: .bytes(details.jsonBytes))
    }
}
