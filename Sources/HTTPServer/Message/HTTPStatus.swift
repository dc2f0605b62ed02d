/// An HTTP response status code with its reason phrase (RFC 9110 §15).
///
/// ```swift
/// HTTPStatus.notFound                 // 404 Not Found
/// HTTPStatus(code: 422)               // 422 Unprocessable Content (standard phrase looked up)
/// HTTPStatus(code: 299, reasonPhrase: "Custom")
/// ```
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit status code.
    public var code: Int
    /// The reason phrase sent after the code (informational only).
    public var reasonPhrase: String

    /// A status with `reasonPhrase`, or the standard phrase for `code` when `nil` (empty if unknown).
    public init(code: Int, reasonPhrase: String? = nil) {
        self.code = code
        self.reasonPhrase = reasonPhrase ?? Self.standardReasonPhrase(for: code)
    }

    /// The RFC 9110 reason phrase of a registered code, or `""`.
    public static func standardReasonPhrase(for code: Int) -> String {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }

    /// `404 Not Found`
    public var description: String { "\(code) \(reasonPhrase)" }

    /// Statuses whose responses never carry content (RFC 9110 §6.4.1).
    public var allowsBody: Bool { !(100..<200).contains(code) && code != 204 && code != 304 }

    /// 100 Continue (sent by the server itself for `Expect: 100-continue`).
    public static let `continue` = HTTPStatus(code: 100, reasonPhrase: "Continue")
    /// 200
    public static let ok = HTTPStatus(code: 200, reasonPhrase: "OK")
    /// 201
    public static let created = HTTPStatus(code: 201, reasonPhrase: "Created")
    /// 202
    public static let accepted = HTTPStatus(code: 202, reasonPhrase: "Accepted")
    /// 204
    public static let noContent = HTTPStatus(code: 204, reasonPhrase: "No Content")
    /// 400
    public static let badRequest = HTTPStatus(code: 400, reasonPhrase: "Bad Request")
    /// 401 (authentication required or failed)
    public static let unauthorized = HTTPStatus(code: 401, reasonPhrase: "Unauthorized")
    /// 403 (authenticated but not allowed)
    public static let forbidden = HTTPStatus(code: 403, reasonPhrase: "Forbidden")
    /// 404
    public static let notFound = HTTPStatus(code: 404, reasonPhrase: "Not Found")
    /// 405 (send `Allow`)
    public static let methodNotAllowed = HTTPStatus(code: 405, reasonPhrase: "Method Not Allowed")
    /// 408
    public static let requestTimeout = HTTPStatus(code: 408, reasonPhrase: "Request Timeout")
    /// 409
    public static let conflict = HTTPStatus(code: 409, reasonPhrase: "Conflict")
    /// 411
    public static let lengthRequired = HTTPStatus(code: 411, reasonPhrase: "Length Required")
    /// 413
    public static let contentTooLarge = HTTPStatus(code: 413, reasonPhrase: "Content Too Large")
    /// 414
    public static let uriTooLong = HTTPStatus(code: 414, reasonPhrase: "URI Too Long")
    /// 417
    public static let expectationFailed = HTTPStatus(code: 417, reasonPhrase: "Expectation Failed")
    /// 422
    public static let unprocessableContent = HTTPStatus(code: 422, reasonPhrase: "Unprocessable Content")
    /// 431
    public static let requestHeaderFieldsTooLarge = HTTPStatus(
        code: 431, reasonPhrase: "Request Header Fields Too Large")
    /// 429
    public static let tooManyRequests = HTTPStatus(code: 429, reasonPhrase: "Too Many Requests")
    /// 500
    public static let internalServerError = HTTPStatus(code: 500, reasonPhrase: "Internal Server Error")
    /// 501
    public static let notImplemented = HTTPStatus(code: 501, reasonPhrase: "Not Implemented")
    /// 502 (an upstream, such as the identity provider, answered badly)
    public static let badGateway = HTTPStatus(code: 502, reasonPhrase: "Bad Gateway")
    /// 503 (overloaded, or a dependency such as the signing-key endpoint is unreachable)
    public static let serviceUnavailable = HTTPStatus(code: 503, reasonPhrase: "Service Unavailable")
    /// 504
    public static let gatewayTimeout = HTTPStatus(code: 504, reasonPhrase: "Gateway Timeout")
    /// 505
    public static let httpVersionNotSupported = HTTPStatus(
        code: 505, reasonPhrase: "HTTP Version Not Supported")
}
