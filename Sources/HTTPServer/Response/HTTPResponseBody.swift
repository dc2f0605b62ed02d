/// The body of an `HTTPResponse`: bytes known up front (sent with `Content-Length`), or a stream
/// produced while the response is being sent (sent with `Transfer-Encoding: chunked`, or, to an
/// HTTP/1.0 client, delimited by closing the connection).
///
/// ```swift
/// HTTPResponseBody.bytes(Array("ok".utf8))
/// HTTPResponseBody.stream { writer in
///     for i in 1...3 { try await writer.write("line \(i)\n") }
/// }
/// HTTPResponseBody.stream(chunks)   // any AsyncSequence of [UInt8]
/// ```
public struct HTTPResponseBody: Sendable {
    /// Writes the body of a streamed response through `writer`; returning ends the body.
    public typealias Producer = @Sendable (HTTPBodyWriter) async throws -> Void

    enum Storage: Sendable {
        case bytes([UInt8])
        case stream(Producer)
    }

    let storage: Storage

    /// No content.
    public static let empty = HTTPResponseBody(storage: .bytes([]))

    /// Bytes known up front.
    public static func bytes(_ bytes: [UInt8]) -> HTTPResponseBody { HTTPResponseBody(storage: .bytes(bytes)) }

    /// The UTF-8 bytes of `string`.
    public static func string(_ string: String) -> HTTPResponseBody { .bytes(Array(string.utf8)) }

    /// A body written piece by piece while it is sent; each `write` waits while the client is slow
    /// to read, so a large stream never piles up in memory. If `producer` throws after the head was
    /// sent, the connection is closed without the final chunk so the client sees a truncated body.
    public static func stream(_ producer: @escaping Producer) -> HTTPResponseBody {
        HTTPResponseBody(storage: .stream(producer))
    }

    /// A body streamed from an async sequence of byte chunks.
    public static func stream<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) -> HTTPResponseBody
    where Chunks.Element == [UInt8] {
        .stream { writer in
            for try await chunk in chunks { try await writer.write(chunk) }
        }
    }

    /// The bytes of a non-streamed body; `nil` for a stream.
    public var bytes: [UInt8]? {
        if case .bytes(let bytes) = storage { return bytes }
        return nil
    }
}
