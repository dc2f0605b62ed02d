/// The size limits the request parser enforces while bytes arrive.
///
/// Every limit is checked incrementally: an over-long request line or header section is refused
/// as soon as the limit is crossed, without waiting for the line to end, so a client can never
/// make the server buffer more than these numbers of bytes for the head of a request.
/// Any value is safe to configure: `.max` means "no limit" (the parser's arithmetic never adds to a
/// limit, so it cannot overflow), and a negative value refuses everything.
///
/// ```swift
/// var limits = HTTPParserLimits()
/// limits.maxBodyBytes = 8 * 1024 * 1024   // allow 8 MiB uploads
/// ```
public struct HTTPParserLimits: Sendable, Hashable {
    /// The longest request line (method, target and version, without CRLF); exceeded → `414`.
    public var maxRequestLineBytes: Int
    /// All field lines of the header section together, CRLFs included; exceeded → `431`.
    /// The same limit applies to the trailer section of a chunked body.
    public var maxHeaderBytes: Int
    /// The most field lines in the header section (and, separately, in the trailer section);
    /// exceeded → `431`.
    public var maxHeaderCount: Int
    /// The largest body, whether declared by `Content-Length` or decoded from chunks; exceeded → `413`.
    public var maxBodyBytes: Int

    /// Creates limits; every parameter has the documented default.
    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 16 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1 << 20
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
