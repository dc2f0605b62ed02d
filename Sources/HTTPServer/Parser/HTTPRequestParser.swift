/// The incremental, strict HTTP/1.1 request parser a connection drives (RFC 9112).
///
/// Feed it socket bytes with ``append(_:)`` in whatever pieces they arrive and call ``next()``
/// until it returns nil; each call yields at most one event. Pipelined requests come out one
/// after another. The parser never searches the same bytes twice for the end of the head, checks
/// every limit while bytes are still arriving, and builds each String once.
///
/// ```swift
/// var parser = HTTPRequestParser(limits: HTTPParserLimits())
/// bytes.withUnsafeBytes { parser.append($0) }
/// while let event = try parser.next() {
///     switch event {
///     case .headComplete(let expectsContinue): if expectsContinue { send100Continue() }
///     case .request(let request, let keepAlive): answer(request, closeAfter: !keepAlive)
///     }
/// }
/// ```
///
/// After a thrown ``HTTPParseError`` the parser keeps throwing it; after a request with
/// `keepAlive == false` it ignores all further bytes (RFC 9112 §9.6), so nothing sent after
/// `Connection: close` or an HTTP/1.0 request can be taken for another request.
struct HTTPRequestParser {
    /// The limits in force.
    let limits: HTTPParserLimits
    /// Whether an HTTP/1.1 request without `Host` is refused (RFC 9112 §3.2 says it must be).
    /// Only tests that compare against Host-less reference fixtures switch this off.
    var requiresHost = true

    private enum Phase {
        /// Looking for the end of the head.
        case head
        /// Waiting for `remaining` more body bytes of a `Content-Length` body.
        case lengthBody(Int)
        /// Decoding a chunked body.
        case chunkedBody
        /// A request with `keepAlive == false` was delivered; further bytes are ignored.
        case closed
        /// A request was refused; the error is thrown again on every call.
        case failed(HTTPParseError)
    }

    /// Progress of the search for the end of the head, relative to `readIndex`.
    private struct HeadScan {
        /// Bytes already searched for LF.
        var scanned = 0
        /// Where the current (incomplete) line starts.
        var lineStart = 0
        /// Length of the request line without CRLF, once it is complete.
        var requestLineLength: Int?
        /// Field lines seen so far.
        var fieldCount = 0
    }

    private var buffer: [UInt8] = []
    /// Bytes before this index have been consumed.
    private var readIndex = 0
    private var phase = Phase.head
    private var scan = HeadScan()
    /// Whether empty lines were skipped since the last request began: they are consumed at once,
    /// but they start a request as far as ``isMidRequest`` is concerned, so a client trickling
    /// CRLFs comes under the connection's header deadline instead of looking idle forever.
    private var skippedEmptyLines = false
    /// The head of the request whose body is being read.
    private var pendingHead: HTTPRequestHead?
    private var chunkedDecoder = ChunkedBodyDecoder()

    /// The buffer capacity a new parser starts with.
    private static let initialCapacity = 4096
    /// The largest capacity kept once all buffered bytes are consumed.
    private static let retainedCapacity = 64 * 1024

    /// Creates a parser enforcing `limits`.
    init(limits: HTTPParserLimits) {
        self.limits = limits
        buffer.reserveCapacity(Self.initialCapacity)
    }

    /// True when bytes of an unfinished request are buffered (or were skipped as leading empty
    /// lines): an idle keep-alive connection (close quietly) versus a stalled request (408).
    var isMidRequest: Bool {
        switch phase {
        case .head: readIndex < buffer.count || skippedEmptyLines
        case .lengthBody, .chunkedBody: true
        case .closed, .failed: false
        }
    }

    /// Bytes received but not yet consumed (pipelined input waiting behind the current request).
    var bufferedByteCount: Int { buffer.count - readIndex }

    /// Appends bytes read from the socket.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        switch phase {
        case .closed, .failed: return
        default: break
        }
        if readIndex > 0 {
            if readIndex == buffer.count {
                // Everything was consumed. Keep a small buffer for the next request; give a large
                // one (left by a big body) back, so idle connections stay cheap.
                if buffer.capacity > Self.retainedCapacity {
                    buffer = []
                    buffer.reserveCapacity(Self.initialCapacity)
                } else {
                    buffer.removeAll(keepingCapacity: true)
                }
                readIndex = 0
            } else if readIndex >= Self.initialCapacity || readIndex * 2 >= buffer.count {
                buffer.removeSubrange(0..<readIndex)
                readIndex = 0
            }
        }
        buffer.append(contentsOf: bytes.elements)
    }

    /// Consumes buffered bytes; nil means "need more bytes". After an error the parser is
    /// unusable (the connection answers and closes). Pipelined requests: call again after each
    /// `.request`.
    mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        do {
            return try step()
        } catch {
            phase = .failed(error)
            pendingHead = nil
            buffer = []
            readIndex = 0
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> HTTPParserEvent? {
        switch phase {
        case .failed(let error):
            throw error
        case .closed:
            return nil
        case .head:
            guard let head = try parseHead() else { return nil }
            switch head.framing {
            case .none:
                return finish(head, body: [], trailers: HTTPHeaders())
            case .length(let length):
                if buffer.count - readIndex >= length {
                    return finish(head, body: takeBytes(length), trailers: HTTPHeaders())
                }
                pendingHead = head
                phase = .lengthBody(length)
                return .headComplete(expectsContinue: head.expectsContinue)
            case .chunked:
                chunkedDecoder = ChunkedBodyDecoder()
                pendingHead = head
                phase = .chunkedBody
                if let request = try decodeChunks() { return request }
                return .headComplete(expectsContinue: head.expectsContinue)
            }
        case .lengthBody(let length):
            guard buffer.count - readIndex >= length, let head = pendingHead else { return nil }
            pendingHead = nil
            return finish(head, body: takeBytes(length), trailers: HTTPHeaders())
        case .chunkedBody:
            return try decodeChunks()
        }
    }

    /// Runs the chunked decoder over the buffered bytes; returns the request once complete.
    private mutating func decodeChunks() throws(HTTPParseError) -> HTTPParserEvent? {
        let start = readIndex
        let limits = limits
        var decoder = chunkedDecoder
        chunkedDecoder = ChunkedBodyDecoder()  // drop the stored copy so appends do not copy the body
        let consumed = try buffer.withUnsafeBufferPointer { elements throws(HTTPParseError) in
            let bytes = UnsafeRawBufferPointer(elements)
            return try decoder.decode(bytes.slice(start..<bytes.count), limits: limits)
        }
        readIndex += consumed
        guard decoder.isComplete, let head = pendingHead else {
            chunkedDecoder = decoder
            return nil
        }
        pendingHead = nil
        return finish(head, body: decoder.body, trailers: decoder.trailers)
    }

    /// Builds the request event and moves on to the next request (or to `.closed`).
    private mutating func finish(_ head: HTTPRequestHead, body: [UInt8], trailers: HTTPHeaders) -> HTTPParserEvent {
        let request = HTTPRequest(
            method: head.method, rawTarget: head.rawTarget, path: head.target.path, query: head.target.query,
            version: head.version, headers: head.headers, body: body, trailers: trailers,
            authority: head.authority)
        if head.keepAlive {
            phase = .head
        } else {
            phase = .closed
            buffer = []
            readIndex = 0
        }
        return .request(request, keepAlive: head.keepAlive)
    }

    /// The next `count` buffered bytes, consumed.
    private mutating func takeBytes(_ count: Int) -> [UInt8] {
        let body = Array(buffer[readIndex..<(readIndex + count)])
        readIndex += count
        return body
    }

    /// Continues the search for the end of the head; parses the head once it is complete.
    private mutating func parseHead() throws(HTTPParseError) -> HTTPRequestHead? {
        let limits = limits
        let requiresHost = requiresHost
        var scan = scan
        var readIndex = readIndex
        var skippedEmptyLines = skippedEmptyLines
        defer {
            self.scan = scan
            self.readIndex = readIndex
            self.skippedEmptyLines = skippedEmptyLines
        }
        return try buffer.withUnsafeBufferPointer { elements throws(HTTPParseError) -> HTTPRequestHead? in
            let buffer = UnsafeRawBufferPointer(elements)
            // RFC 9112 §2.2: empty lines before the request line are ignored.
            if scan.requestLineLength == nil && scan.scanned == 0 {
                while readIndex < buffer.count && buffer[readIndex] == UInt8(ascii: "\r") {
                    guard readIndex + 1 < buffer.count else { return nil }
                    guard buffer[readIndex + 1] == UInt8(ascii: "\n") else { break }
                    readIndex += 2
                    skippedEmptyLines = true
                }
                if readIndex < buffer.count && buffer[readIndex] == UInt8(ascii: "\n") {
                    throw HTTPParseError(.invalidLineEnding, "An empty line before the request ends with a bare LF.")
                }
            }
            let bytes = buffer.slice(readIndex..<buffer.count)
            while let lineFeed = bytes.firstIndex(of: UInt8(ascii: "\n"), from: scan.scanned) {
                // Checks run in byte order, so any split of the input gives the same refusal.
                if scan.requestLineLength != nil { try Self.rejectFoldedLine(bytes, at: scan.lineStart) }
                try Self.rejectLineInByteOrder(bytes, scan: scan, searchFrom: scan.lineStart, end: lineFeed, limits: limits)
                guard lineFeed > scan.lineStart, bytes[lineFeed - 1] == UInt8(ascii: "\r") else {
                    throw HTTPParseError(.invalidLineEnding, "A line of the request head ends with a bare LF.")
                }
                let lineLength = lineFeed - 1 - scan.lineStart
                let nextLine = lineFeed + 1
                scan.scanned = nextLine
                if let requestLineLength = scan.requestLineLength {
                    if lineLength == 0 {
                        let head = try HTTPRequestHead.parse(
                            bytes.slice(0..<scan.lineStart), requestLineLength: requestLineLength,
                            fieldCount: scan.fieldCount, limits: limits, requiresHost: requiresHost)
                        readIndex += nextLine
                        scan = HeadScan()
                        skippedEmptyLines = false
                        return head
                    }
                    scan.fieldCount += 1
                    guard scan.fieldCount <= limits.maxHeaderCount else {
                        throw HTTPParseError(.tooManyHeaders, "The request has too many header fields.")
                    }
                    guard nextLine - (requestLineLength + 2) <= limits.maxHeaderBytes else {
                        throw HTTPParseError(.headersTooLarge, "The request header section is too large.")
                    }
                } else {
                    guard lineLength <= limits.maxRequestLineBytes else {
                        throw HTTPParseError(.requestLineTooLong, "The request line is too long.")
                    }
                    scan.requestLineLength = lineLength
                }
                scan.lineStart = nextLine
            }
            // Incomplete: refuse a line starting with whitespace, a bare CR (CR followed by
            // anything but LF) or a line over its size limit now instead of waiting for the end of the head.
            if scan.requestLineLength != nil { try Self.rejectFoldedLine(bytes, at: scan.lineStart) }
            try Self.rejectLineInByteOrder(
                bytes, scan: scan, searchFrom: max(scan.lineStart, scan.scanned - 1), end: bytes.count, limits: limits)
            scan.scanned = bytes.count
            return nil
        }
    }

    /// Refuses the violation of the current line that feeding the bytes one at a time would meet
    /// first: a bare CR, or the line running past the request-line or header-section size limit.
    ///
    /// `end` is the index of the line's LF, or the buffered byte count while the line is
    /// incomplete; CRs are searched in `searchFrom..<end - 1` (a CR needs a following byte to be
    /// bare). Byte-at-a-time feeding checks bare CR before size whenever a byte arrives, so a bare
    /// CR at `c` wins exactly when the limit had not tripped with `c + 1` bytes buffered. Deciding
    /// by those detection points keeps the refusal — status and reason — the same however the
    /// input is split into reads (the fuzz harness in Tests/Fuzz checks this).
    private static func rejectLineInByteOrder(
        _ bytes: UnsafeRawBufferPointer, scan: HeadScan, searchFrom: Int, end: Int, limits: HTTPParserLimits
    ) throws(HTTPParseError) {
        // The limit trips once `buffered - budgetStart > limit`. The incomplete line may end in the
        // CR of its CRLF, hence the extra byte in `budgetStart`. Counts are subtracted rather than
        // limits incremented: a limit may be `Int.max`.
        let budgetStart: Int, limit: Int, sizeError: HTTPParseError
        if let requestLineLength = scan.requestLineLength {
            budgetStart = requestLineLength + 3
            limit = limits.maxHeaderBytes
            sizeError = HTTPParseError(.headersTooLarge, "The request header section is too large.")
        } else {
            budgetStart = scan.lineStart + 1
            limit = limits.maxRequestLineBytes
            sizeError = HTTPParseError(.requestLineTooLong, "The request line is too long.")
        }
        if searchFrom < end - 1,
            let carriageReturn = bytes.slice(searchFrom..<(end - 1)).firstIndex(of: UInt8(ascii: "\r"), from: 0),
            searchFrom + carriageReturn + 1 - budgetStart <= limit
        {
            throw HTTPParseError(.invalidLineEnding, "The request head contains a bare CR.")
        }
        if end - budgetStart > limit { throw sizeError }
    }

    /// Refuses a field line that starts with SP or HTAB (obs-fold, or whitespace between the
    /// request line and the first field) as soon as its first byte is buffered.
    @inline(__always)
    private static func rejectFoldedLine(_ bytes: UnsafeRawBufferPointer, at lineStart: Int) throws(HTTPParseError) {
        guard lineStart < bytes.count else { return }
        let first = bytes[lineStart]
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            throw HTTPParseError(.obsoleteLineFolding, "A header line starts with whitespace (obsolete line folding).")
        }
    }
}
