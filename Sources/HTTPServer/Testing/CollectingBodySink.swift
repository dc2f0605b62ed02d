/// Collects a streamed response body in memory for the test client.
actor CollectingBodySink: ResponseBodySink {
    private var bytes: [UInt8] = []
    private var finished = false

    func writeBodyChunk(_ chunk: [UInt8], stream: UInt64) async throws(HTTPBodyWriterError) {
        guard !finished else { throw HTTPBodyWriterError(reason: .responseFinished) }
        bytes.append(contentsOf: chunk)
    }

    /// Ends the body (later writes fail as on a connection) and returns what was written.
    func finish() -> [UInt8] {
        finished = true
        return bytes
    }
}
