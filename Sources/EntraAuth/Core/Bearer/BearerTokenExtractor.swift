/// Finds the bearer token in a request (RFC 6750 §2), strictly.
///
/// - The `Authorization` field: scheme `Bearer` in any case, one or more spaces, then a
///   token68 (`A–Z a–z 0–9 - . _ ~ + /` then optional `=`), nothing else. Exactly one such field.
/// - The `access_token` query parameter (§2.3) and form-body parameter (§2.2) are refused
///   unless enabled: tokens in URLs end up in logs and proxies.
/// - A token in more than one place is refused.
///
/// ```swift
/// let extractor = BearerTokenExtractor()
/// let token = try extractor.extract(authorization: request.headers.values(for: "authorization"),
///                                   queryToken: request.query["access_token"], formToken: nil)
/// ```
public struct BearerTokenExtractor: Sendable {
    /// Whether `?access_token=` is accepted (default `false`).
    public var allowsQueryParameter: Bool
    /// Whether an `access_token` form-body parameter is accepted (default `false`).
    public var allowsFormBody: Bool

    /// An extractor; query and form tokens are refused unless enabled.
    public init(allowsQueryParameter: Bool = false, allowsFormBody: Bool = false) {
        self.allowsQueryParameter = allowsQueryParameter
        self.allowsFormBody = allowsFormBody
    }

    /// The token, or `nil` when the request carries none.
    ///
    /// - Parameters:
    ///   - authorization: every `Authorization` field value, in order.
    ///   - queryToken: the `access_token` query parameter, if present.
    ///   - formToken: the `access_token` form-body parameter, if present.
    /// - Throws: ``EntraAuthError`` — `malformedAuthorizationHeader`, `multipleTokens`,
    ///   `tokenInDisallowedLocation` (all 400), or `missingToken` for another scheme (401 without error code).
    public func extract(authorization: [String], queryToken: String? = nil, formToken: String? = nil) throws(EntraAuthError) -> String? {
        if queryToken != nil, !allowsQueryParameter {
            throw EntraAuthError(.tokenInDisallowedLocation, "tokens in the access_token query parameter are not accepted; send an Authorization: Bearer header")
        }
        if formToken != nil, !allowsFormBody {
            throw EntraAuthError(.tokenInDisallowedLocation, "tokens in an access_token form field are not accepted; send an Authorization: Bearer header")
        }
        guard authorization.count <= 1 else {
            throw EntraAuthError(.multipleTokens, "the request has \(authorization.count) Authorization fields; send exactly one")
        }
        var found: [String] = []
        if let value = authorization.first { found.append(try Self.token(fromAuthorization: value)) }
        if let queryToken { found.append(try Self.checkedToken68(Substring(queryToken), where: "the access_token query parameter")) }
        if let formToken { found.append(try Self.checkedToken68(Substring(formToken), where: "the access_token form field")) }
        guard found.count <= 1 else {
            throw EntraAuthError(.multipleTokens, "the request carries a token in more than one place (RFC 6750 §2 allows one)")
        }
        return found.first
    }

    private static func token(fromAuthorization value: String) throws(EntraAuthError) -> String {
        let utf8 = value.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")) else {
            if asciiCaseInsensitiveEqual(value, "bearer") {
                throw EntraAuthError(.malformedAuthorizationHeader, "the Authorization field says Bearer but carries no token")
            }
            throw EntraAuthError(.missingToken, "the Authorization field does not use the Bearer scheme")
        }
        let scheme = value[..<space]
        guard asciiCaseInsensitiveEqual(scheme, "bearer") else {
            throw EntraAuthError(.missingToken, "the Authorization field uses the \(logSafe(scheme.prefix(20))) scheme; this API needs Bearer")
        }
        let rest = value[space...].drop { $0 == " " }
        return try checkedToken68(rest, where: "the Authorization field")
    }

    /// RFC 7235 token68: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    private static func checkedToken68(_ text: Substring, where place: String) throws(EntraAuthError) -> String {
        var sawPadding = false
        var count = 0
        for byte in text.utf8 {
            count += 1
            switch byte {
            case UInt8(ascii: "="):
                sawPadding = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                guard !sawPadding else {
                    throw EntraAuthError(.malformedAuthorizationHeader, "\(place) is not a valid bearer token (characters after '=')")
                }
            default:
                throw EntraAuthError(.malformedAuthorizationHeader, "\(place) is not a valid bearer token (byte 0x\(String(byte, radix: 16)) at position \(count); a token is one run of base64url characters and dots)")
            }
        }
        guard count > 0, text.utf8.first != UInt8(ascii: "=") else {
            throw EntraAuthError(.malformedAuthorizationHeader, "\(place) carries an empty bearer token")
        }
        return String(text)
    }
}
