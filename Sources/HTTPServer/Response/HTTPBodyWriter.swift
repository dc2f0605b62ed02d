/// Writes the pieces of a streamed response body (see `HTTPResponseBody.stream(_:)`).
///
/// ```swift
/// HTTPResponse(body: .stream { writer in
///     try await writer.write("first\n")
///     try await writer.write(Array(payload))
/// })
/// ```
public struct HTTPBodyWriter: Sendable {
    let sink: any ResponseBodySink
    /// Which response of the connection this writer belongs to: a writer that escapes its
    /// producer cannot write into a later response on the same keep-alive connection.
    let stream: UInt64

    /// Sends `bytes` as the next piece of the body. Suspends while the client is slow to read;
    /// throws `HTTPBodyWriterError` when the connection is gone.
    public func write(_ bytes: [UInt8]) async throws(HTTPBodyWriterError) {
        guard !bytes.isEmpty else { return }
        try await sink.writeBodyChunk(bytes, stream: stream)
    }

    /// Sends the UTF-8 bytes of `string` as the next piece of the body.
    public func write(_ string: String) async throws(HTTPBodyWriterError) {
        try await write(Array(string.utf8))
    }
}

/// Why a streamed body could not be written.
public struct HTTPBodyWriterError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable cause.
    public enum Reason: String, Sendable {
        /// The client disconnected, a write timed out, or the server was forced to close.
        case connectionClosed
        /// The writer was used after its producer returned (for example from a task the
        /// producer started and did not wait for); the response it belonged to is complete.
        case responseFinished
    }

    /// Why the write failed.
    public var reason: Reason
    /// A human sentence.
    public var description: String { "the response body could not be written: \(reason.rawValue)" }
}

/// Where an `HTTPBodyWriter` sends its chunks (the connection).
protocol ResponseBodySink: Sendable {
    /// Writes a chunk of the streamed response `stream`; throws `.responseFinished` when that
    /// response is no longer the one being streamed.
    func writeBodyChunk(_ bytes: [UInt8], stream: UInt64) async throws(HTTPBodyWriterError)
}
