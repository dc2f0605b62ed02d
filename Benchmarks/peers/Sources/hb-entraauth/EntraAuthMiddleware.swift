import EntraAuthCore
import Hummingbird
import JOSE

/// A Hummingbird request context that carries the validated caller.
protocol EntraIdentityRequestContext: RequestContext {
    var identity: EntraIdentity? { get set }
}

/// Hummingbird's basic context plus the caller's ``EntraIdentity``.
struct EntraContext: EntraIdentityRequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: EntraIdentity?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }
}

/// Protects the routes behind it with EntraAuth's validator core, inside Hummingbird: the bearer
/// token comes out of the request with `BearerTokenExtractor`, `EntraTokenValidator` validates it
/// (signature, iss, aud, exp, …; cached), `requirement` is checked, and an `EntraAuthError`
/// becomes its status (400/401/403/503) with an RFC 6750 challenge and a small problem body.
struct EntraAuthMiddleware<Context: EntraIdentityRequestContext>: RouterMiddleware {
    let validator: EntraTokenValidator
    let requirement: AccessRequirement
    var extractor = BearerTokenExtractor()
    var realm = "api"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do throws(EntraAuthError) {
            let token = try extractor.extract(
                authorization: request.headers[values: .authorization],
                queryToken: request.uri.queryParameters["access_token"].map(String.init))
            guard let token else {
                throw EntraAuthError(.missingToken, "this route needs a bearer token (Authorization: Bearer <token>)")
            }
            let identity = try await validator.validate(token)
            try requirement.check(identity)
            context.identity = identity
        } catch {
            return refusal(error)
        }
        return try await next(request, context)
    }

    /// The HTTP answer to a refusal.
    func refusal(_ error: EntraAuthError) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json", .cacheControl: "no-store"]
        if error.reason == .signingKeysUnavailable {
            headers[.retryAfter] = "5"
        } else {
            var challenge = "Bearer realm=\"\(Self.quotable(realm, limit: 100))\""
            if let code = error.bearerErrorCode {
                challenge += ", error=\"\(code)\", error_description=\"\(Self.quotable(error.message, limit: 400))\""
            }
            headers[.wwwAuthenticate] = challenge
        }
        let body: JSONValue = [
            "status": .number(JSONNumber(Int64(error.status))),
            "reason": .string(error.reason.rawValue),
            "detail": .string(error.message),
        ]
        return Response(status: .init(code: error.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.serializedBytes(body))))
    }

    /// Text allowed inside an RFC 6750 quoted-string (printable ASCII without `"` and `\`).
    static func quotable(_ text: String, limit: Int) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8.prefix(limit) {
            switch byte {
            case 0x22, 0x5C: bytes.append(UInt8(ascii: "'"))
            case 0x20...0x7E: bytes.append(byte)
            default: bytes.append(UInt8(ascii: "?"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension EntraIdentity {
    /// The validated claims as an `application/json` response.
    var claimsResponse: Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.serializedBytes(.object(claims)))))
    }
}
