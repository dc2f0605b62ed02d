/// An HTTP request method (RFC 9110 §9).
///
/// Methods are case-sensitive tokens. The common ones are static members; any other valid
/// token can be represented too, so the router can answer `405` with an `Allow` list instead of
/// the parser refusing an unknown method.
///
/// ```swift
/// router.on(.get, "/hello") { _, _ in .text("ok") }
/// ```
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token exactly as sent (case-sensitive).
    public let rawValue: String

    /// Any method token.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The method token.
    public var description: String { rawValue }

    /// `GET`
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// `OPTIONS`
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    /// `TRACE`
    public static let trace = HTTPMethod(rawValue: "TRACE")
    /// `CONNECT`
    public static let connect = HTTPMethod(rawValue: "CONNECT")
}
