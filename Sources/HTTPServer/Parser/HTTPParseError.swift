/// Why a request was refused, and the status to answer it with.
///
/// After any of these the connection answers with a `problem+json` body and closes: the framing
/// of whatever follows can no longer be trusted. `reason` is stable and machine-readable (use it
/// in logs, metrics and the problem `type`); `detail` is one short sentence for people and never
/// contains raw request bytes.
///
/// ```swift
/// do {
///     while let event = try parser.next() { … }
/// } catch {
///     log("refused: \(error.reason.rawValue)")          // e.g. "duplicateContentLength"
///     respond(status: error.status, detail: error.detail)
/// }
/// ```
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable cause of a refusal.
    public enum Reason: String, Sendable, CaseIterable {
        /// The method is empty or has a character outside `tchar` (RFC 9110 §9.1). 400.
        case invalidMethod
        /// The request-target has a forbidden character or form, a bad percent escape, an encoded
        /// control character or slash, a dot-segment, or a form the method does not allow (RFC 9112 §3.2). 400.
        case invalidRequestTarget
        /// The request line has no `HTTP/x.y` version or a malformed one (RFC 9112 §2.3). 400.
        case invalidVersion
        /// A well-formed version other than HTTP/1.x, including the HTTP/2 preface. 505.
        case unsupportedVersion
        /// The request line is longer than ``HTTPParserLimits/maxRequestLineBytes``. 414.
        case requestLineTooLong
        /// The field lines are longer than ``HTTPParserLimits/maxHeaderBytes`` together. 431.
        case headersTooLarge
        /// More field lines than ``HTTPParserLimits/maxHeaderCount``. 431.
        case tooManyHeaders
        /// A field name is empty, has a non-token character, or the colon is missing. 400.
        case invalidHeaderName
        /// A field value contains NUL or another control character (RFC 9110 §5.5). 400.
        case invalidHeaderValue
        /// A field line starts with whitespace (obs-fold, RFC 9112 §5.2). 400.
        case obsoleteLineFolding
        /// Whitespace between a field name and its colon (RFC 9112 §5.1). 400.
        case whitespaceBeforeColon
        /// An HTTP/1.1 request without a `Host` field (RFC 9112 §3.2). 400.
        case missingHost
        /// More than one `Host` field line. 400.
        case duplicateHost
        /// A `Host` value (or absolute-form authority) that is not `host[:port]`. 400.
        case invalidHost
        /// Both `Content-Length` and `Transfer-Encoding` (RFC 9112 §6.1, smuggling). 400.
        case conflictingContentLengthAndTransferEncoding
        /// `Content-Length` is not exactly `1*DIGIT` (signs, lists, spaces, empty). 400.
        case invalidContentLength
        /// More than one `Content-Length` field line, even with identical values. 400.
        case duplicateContentLength
        /// A transfer coding other than a single final `chunked` that is itself well formed but
        /// not implemented here (for example `gzip, chunked`, `identity`). 501.
        case unsupportedTransferEncoding
        /// `Transfer-Encoding` is empty, malformed, repeats `chunked`, or does not end in `chunked`. 400.
        case invalidTransferEncoding
        /// `Transfer-Encoding` in an HTTP/1.0 request, whose framing is then untrustworthy. 400.
        case transferEncodingInHTTP10
        /// An `Expect` value other than `100-continue` (RFC 9110 §10.1.1). 417.
        case unsupportedExpectation
        /// A chunk size that is not `1*HEXDIG`. 400.
        case invalidChunkSize
        /// A chunk size with more significant hex digits than fit in 64 bits. 400.
        case chunkSizeOverflow
        /// A malformed chunk extension (RFC 9112 §7.1.1). 400.
        case invalidChunkExtension
        /// The extensions of one chunk (4 KiB), or the chunk-size lines of one body together
        /// (64 KiB), are longer than the parser accepts. 400.
        case chunkExtensionsTooLong
        /// Chunk data not followed by exactly CRLF. 400.
        case invalidChunkFraming
        /// A framing, routing or credential field in the trailer section (RFC 9110 §6.5.1). 400.
        case forbiddenTrailerField
        /// The declared or decoded body exceeds ``HTTPParserLimits/maxBodyBytes``. 413.
        case bodyTooLarge
        /// A bare CR or bare LF where CRLF is required (RFC 9112 §2.2). 400.
        case invalidLineEnding
    }

    /// The machine-readable cause.
    public var reason: Reason
    /// The status to answer with: 400, 413, 414, 417, 431, 501 or 505.
    public var status: HTTPStatus
    /// One short human sentence; never echoes raw request bytes.
    public var detail: String

    /// Creates an error; `status` defaults to the one that belongs to `reason`.
    public init(_ reason: Reason, _ detail: String, status: HTTPStatus? = nil) {
        self.reason = reason
        self.status = status ?? reason.defaultStatus
        self.detail = detail
    }

    /// `status reason: detail`, for logs.
    public var description: String { "\(status.code) \(reason.rawValue): \(detail)" }
}

extension HTTPParseError.Reason {
    /// The status each reason is answered with.
    public var defaultStatus: HTTPStatus {
        switch self {
        case .unsupportedVersion: .httpVersionNotSupported
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unsupportedTransferEncoding: .notImplemented
        case .unsupportedExpectation: .expectationFailed
        case .bodyTooLarge: .contentTooLarge
        default: .badRequest
        }
    }
}
