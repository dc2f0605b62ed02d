public import EntraAuthCore
public import HTTPServer

/// An ``EntraAuthError`` as an HTTP answer: the status (400, 401, 403 or 503), the RFC 6750
/// `WWW-Authenticate` challenge, `Retry-After` for 503, and an `application/problem+json` body
/// whose `reason` member is the stable code.
///
/// ```http
/// HTTP/1.1 403 Forbidden
/// WWW-Authenticate: Bearer realm="aad-func", error="insufficient_scope", error_description="caller appid=… lacks app role \"DoAll\" …"
/// Content-Type: application/problem+json
///
/// {"type":"about:blank","title":"Forbidden","status":403,"detail":"caller appid=…","reason":"insufficientAccess","requirement":"anyRole(\"DoAll\")"}
/// ```
///
/// Handlers can throw it (it is an `HTTPResponseError`), e.g. from `context.requireIdentity()`.
public struct EntraAuthRefusal: HTTPResponseError, Sendable {
    /// What failed.
    public let error: EntraAuthError
    /// The protection space named in the challenge.
    public let realm: String
    /// Seconds in `Retry-After` on a 503 (keys not loaded yet).
    public var retryAfterSeconds: Int = 5

    /// The answer to `error` in `realm`.
    public init(_ error: EntraAuthError, realm: String) {
        self.error = error
        self.realm = realm
    }

    public var status: HTTPStatus { HTTPStatus(code: error.status) }

    public var detail: String? { error.message }

    public var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        if error.reason == .signingKeysUnavailable {
            headers.add(name: "Retry-After", value: String(retryAfterSeconds))
            return headers
        }
        var challenge = "Bearer realm=\"\(Self.quotedStringContent(realm, limit: 100))\""
        if let code = error.bearerErrorCode {
            challenge += ", error=\"\(code)\", error_description=\"\(Self.quotedStringContent(error.message, limit: 400))\""
        }
        headers.add(name: "WWW-Authenticate", value: challenge)
        return headers
    }

    public func response() -> HTTPResponse {
        var problem = ProblemDetails(status: status, detail: error.message, reason: error.reason.rawValue)
        if let requirement = error.requirement { problem = problem.with(extension: "requirement", .string(requirement)) }
        var response = HTTPResponse.problem(problem, headers: headers)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// RFC 6750 §3: `error_description` may hold only %x20-21 / %x23-5B / %x5D-7E: no `"`, no
    /// `\`, ASCII only. Others become `'` or `?`; the text is cut at `limit` bytes.
    static func quotedStringContent(_ text: String, limit: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit, text.utf8.count))
        for byte in text.utf8 {
            if bytes.count == limit { break }
            switch byte {
            case 0x22, 0x5C: bytes.append(UInt8(ascii: "'"))
            case 0x20...0x7E: bytes.append(byte)
            case 0x80...0xBF: continue                    // continuation bytes of one non-ASCII scalar
            default: bytes.append(UInt8(ascii: "?"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
