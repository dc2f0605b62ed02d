/// Incremental decoder of the `chunked` transfer coding (RFC 9112 §7.1), trailers included.
///
/// It is fed whatever bytes are buffered, consumes as many as it can, and keeps its place, so a
/// body may arrive in any split. Every line must end in CRLF; sizes are `1*HEXDIG` checked for
/// overflow and against the body limit before any data is read; extensions are syntax-checked
/// and discarded.
struct ChunkedBodyDecoder {
    /// The longest chunk-size line (size plus extensions) accepted.
    static let maxChunkLineBytes = 4096
    /// The most chunk-size-line bytes (sizes and extensions) accepted for one body, so a body of
    /// many tiny chunks with long extensions cannot cost far more work than its data
    /// (CVE-2023-39326).
    static let maxChunkLineBytesPerBody = 64 * 1024

    private enum Phase {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailers
        case done
    }

    private var phase = Phase.sizeLine
    /// How far the current incomplete line has been searched for LF, so it is not searched again.
    private var lineScanned = 0
    private var trailerBytes = 0
    private var trailerCount = 0
    private var chunkLineBytes = 0
    /// The decoded body.
    private(set) var body: [UInt8] = []
    /// The trailer fields.
    private(set) var trailers = HTTPHeaders()

    /// Whether the last chunk and the trailer section have been read.
    var isComplete: Bool {
        if case .done = phase { return true }
        return false
    }

    /// Decodes from the start of `bytes`, returning how many bytes were consumed.
    mutating func decode(_ bytes: UnsafeRawBufferPointer, limits: HTTPParserLimits) throws(HTTPParseError) -> Int {
        var offset = 0
        while true {
            switch phase {
            case .sizeLine:
                guard let line = try nextLine(bytes, from: offset, maxLength: Self.maxChunkLineBytes, tooLong: .chunkExtensionsTooLong)
                else { return offset }
                chunkLineBytes += line.end - offset
                guard chunkLineBytes <= Self.maxChunkLineBytesPerBody else {
                    throw HTTPParseError(.chunkExtensionsTooLong, "The chunk-size lines of this body are too long in total.")
                }
                let size = try Self.parseSizeLine(bytes.slice(offset..<line.end))
                offset = line.next
                guard size <= limits.maxBodyBytes - body.count else {
                    throw HTTPParseError(.bodyTooLarge, "The chunked body exceeds the body size limit.")
                }
                phase = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let available = min(remaining, bytes.count - offset)
                guard available > 0 else { return offset }
                body.append(contentsOf: bytes.slice(offset..<(offset + available)).elements)
                offset += available
                phase = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard bytes.count - offset >= 2 else {
                    if offset < bytes.count && bytes[offset] != UInt8(ascii: "\r") { throw Self.missingDataCRLF }
                    return offset
                }
                guard bytes[offset] == UInt8(ascii: "\r"), bytes[offset + 1] == UInt8(ascii: "\n") else {
                    throw Self.missingDataCRLF
                }
                offset += 2
                phase = .sizeLine
            case .trailers:
                let remainingBytes = max(0, limits.maxHeaderBytes - trailerBytes)
                guard let line = try nextLine(bytes, from: offset, maxLength: remainingBytes, tooLong: .headersTooLarge)
                else { return offset }
                if line.end == offset {
                    offset = line.next
                    phase = .done
                    return offset
                }
                trailerBytes += line.next - offset
                guard trailerBytes <= limits.maxHeaderBytes else {
                    throw HTTPParseError(.headersTooLarge, "The trailer section is too large.")
                }
                trailerCount += 1
                guard trailerCount <= limits.maxHeaderCount else {
                    throw HTTPParseError(.tooManyHeaders, "The trailer section has too many fields.")
                }
                let field = try HTTPByteClass.table.withUnsafeBufferPointer { table throws(HTTPParseError) in
                    try HTTPFieldLine.parse(bytes.slice(offset..<line.end), table: table)
                }
                if Self.isForbiddenInTrailers(field.name) {
                    throw HTTPParseError(
                        .forbiddenTrailerField, "A framing, routing or credential field was sent in the trailer section.")
                }
                trailers.add(name: field.name.string, value: field.value.string)
                offset = line.next
            case .done:
                return offset
            }
        }
    }

    private static var missingDataCRLF: HTTPParseError {
        HTTPParseError(.invalidChunkFraming, "Chunk data is not followed by CRLF.")
    }

    /// Finds the CRLF-terminated line starting at `start`: `end` is the CR, `next` follows the LF.
    /// Returns nil when the line is incomplete; refuses bare LF and lines over `maxLength`.
    private mutating func nextLine(
        _ bytes: UnsafeRawBufferPointer, from start: Int, maxLength: Int, tooLong: HTTPParseError.Reason
    ) throws(HTTPParseError) -> (end: Int, next: Int)? {
        let searchFrom = start + lineScanned
        guard let lineFeed = bytes.firstIndex(of: UInt8(ascii: "\n"), from: searchFrom) else {
            lineScanned = bytes.count - start
            // The line may end in the CR of its CRLF, hence `- 1` (not `maxLength + 1`, which
            // overflows when the trailer limit is `Int.max`).
            if lineScanned - 1 > maxLength {
                throw HTTPParseError(tooLong, tooLong == .headersTooLarge
                    ? "The trailer section is too large." : "The chunk extensions are too long.")
            }
            return nil
        }
        lineScanned = 0
        // The length first: fed byte by byte, the line crosses its limit before the LF arrives,
        // and the refusal must not depend on how the bytes were split into reads.
        if lineFeed - 1 - start > maxLength {
            throw HTTPParseError(tooLong, tooLong == .headersTooLarge
                ? "The trailer section is too large." : "The chunk extensions are too long.")
        }
        guard lineFeed > start, bytes[lineFeed - 1] == UInt8(ascii: "\r") else {
            throw HTTPParseError(.invalidLineEnding, "A line of the chunked body ends with a bare LF.")
        }
        return (lineFeed - 1, lineFeed + 1)
    }

    /// `chunk-size *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )`; returns the size.
    static func parseSizeLine(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> Int {
        var index = 0
        var size = 0
        var significantDigits = 0
        while index < line.count, let value = HTTPByteClass.hexValue(line[index]) {
            if significantDigits > 0 || value != 0 { significantDigits += 1 }
            guard significantDigits <= 15 else {
                throw HTTPParseError(.chunkSizeOverflow, "A chunk size has too many hex digits.")
            }
            size = size << 4 | Int(value)
            index += 1
        }
        guard index > 0 else {
            if index < line.count && line[index] == UInt8(ascii: "\r") {
                throw HTTPParseError(.invalidLineEnding, "A chunk-size line contains a bare CR.")
            }
            throw HTTPParseError(.invalidChunkSize, "A chunk size is not a hexadecimal number.")
        }
        guard index == line.count || isWhitespace(line[index]) || line[index] == UInt8(ascii: ";") else {
            if line[index] == UInt8(ascii: "\r") {
                throw HTTPParseError(.invalidLineEnding, "A chunk-size line contains a bare CR.")
            }
            throw HTTPParseError(.invalidChunkSize, "A chunk size is followed by an unexpected character.")
        }
        try HTTPByteClass.table.withUnsafeBufferPointer { table throws(HTTPParseError) in
            try checkExtensions(line.slice(index..<line.count), table: table)
        }
        return size
    }

    /// Checks `*( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`.
    private static func checkExtensions(_ bytes: UnsafeRawBufferPointer, table: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        var invalid: HTTPParseError { HTTPParseError(.invalidChunkExtension, "A chunk extension is malformed.") }
        var index = 0
        func skipWhitespace() { while index < bytes.count && isWhitespace(bytes[index]) { index += 1 } }
        func token() -> Bool {
            let start = index
            while index < bytes.count && table[Int(bytes[index])] & HTTPByteClass.token != 0 { index += 1 }
            return index > start
        }
        while index < bytes.count {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ";") else { throw invalid }
            index += 1
            skipWhitespace()
            guard token() else { throw invalid }
            skipWhitespace()
            guard index < bytes.count else { return }
            guard bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipWhitespace()
            guard index < bytes.count else { throw invalid }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        closed = true
                        index += 1
                        break
                    }
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                        guard index < bytes.count, table[Int(bytes[index])] & HTTPByteClass.fieldValue != 0 else { throw invalid }
                    } else if table[Int(byte)] & HTTPByteClass.fieldValue == 0 {
                        throw invalid
                    }
                    index += 1
                }
                guard closed else { throw invalid }
            } else {
                guard token() else { throw invalid }
            }
        }
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Fields that must never be taken from a trailer: message framing, routing, connection
    /// control and credentials (RFC 9110 §6.5.1).
    private static func isForbiddenInTrailers(_ name: UnsafeRawBufferPointer) -> Bool {
        name.equalsCaseInsensitive("content-length") || name.equalsCaseInsensitive("transfer-encoding")
            || name.equalsCaseInsensitive("host") || name.equalsCaseInsensitive("trailer")
            || name.equalsCaseInsensitive("connection") || name.equalsCaseInsensitive("expect")
            || name.equalsCaseInsensitive("authorization") || name.equalsCaseInsensitive("proxy-authorization")
            || name.equalsCaseInsensitive("content-type") || name.equalsCaseInsensitive("content-encoding")
    }
}
