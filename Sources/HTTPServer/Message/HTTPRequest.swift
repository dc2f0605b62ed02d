/// A complete HTTP/1.1 request as the parser produced it: head, decoded body and trailers.
///
/// `path` is the percent-decoded path of an origin-form or absolute-form target; `rawTarget`
/// is exactly what the client sent. Query parameters are parsed once, in order.
///
/// ```swift
/// router.get("/items/:id") { request, context in
///     .text("item \(context.parameters["id"] ?? "") page \(request.query["page"] ?? "1")")
/// }
/// ```
public struct HTTPRequest: Sendable {
    /// The request method, exactly as sent (methods are case-sensitive).
    public var method: HTTPMethod
    /// The request target exactly as sent (for example `/a%20b?x=1` or `http://h/a`).
    public var rawTarget: String
    /// The percent-decoded path, always starting with `/` (`*` for `OPTIONS *`, the authority as
    /// sent for `CONNECT`). For an absolute-form target (`http://host/p`) it is the URL's path.
    /// The parser refuses encoded `/`, encoded control characters and `.`/`..` segments, so the
    /// router and authorization rules match one canonical form.
    public var path: String
    /// The parsed query string.
    public var query: HTTPQuery
    /// The protocol version (1.0 or 1.1; a higher 1.x minor is kept as sent and handled as 1.1).
    public var version: HTTPVersion
    /// The effective authority (RFC 9112 §3.3): the one in an absolute-form or CONNECT target,
    /// otherwise the `Host` field; empty when there is neither (HTTP/1.0 without `Host`). Use this,
    /// not `headers["host"]`, for host checks: with an absolute-form target the `Host` field must
    /// be ignored (RFC 9112 §3.2.2).
    public var authority: String
    /// The header fields in the order received, names as sent.
    public var headers: HTTPHeaders
    /// The body with any transfer coding removed.
    public var body: [UInt8]
    /// Trailer fields of a chunked body, if any were sent.
    public var trailers: HTTPHeaders

    /// Creates a request, for example in tests; `authority` defaults to the `Host` field.
    public init(
        method: HTTPMethod, rawTarget: String, path: String, query: HTTPQuery = HTTPQuery(),
        version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        trailers: HTTPHeaders = HTTPHeaders(), authority: String? = nil
    ) {
        self.method = method
        self.rawTarget = rawTarget
        self.path = path
        self.query = query
        self.version = version
        self.authority = authority ?? headers["host"] ?? ""
        self.headers = headers
        self.body = body
        self.trailers = trailers
    }
}

/// The parsed query component of a request target (`application/x-www-form-urlencoded` rules:
/// `+` is a space, `%XX` is decoded).
public struct HTTPQuery: Sendable, Sequence {
    /// The decoded name/value pairs in the order sent; a name without `=` has an empty value.
    public var items: [(name: String, value: String)]

    /// Creates a query from decoded pairs.
    public init(items: [(name: String, value: String)] = []) { self.items = items }

    /// The first value for `name`.
    ///
    /// Names are compared as UTF-8 bytes: they are percent-decoded client input, and Swift's
    /// `String ==` (Unicode canonical equivalence) costs time quadratic in a run of combining
    /// marks — milliseconds for one 8 KiB name — besides matching look-alike spellings.
    public subscript(name: String) -> String? { items.first { $0.name.utf8.elementsEqual(name.utf8) }?.value }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] { items.filter { $0.name.utf8.elementsEqual(name.utf8) }.map(\.value) }

    /// Iterates over the pairs in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { items.makeIterator() }
}
