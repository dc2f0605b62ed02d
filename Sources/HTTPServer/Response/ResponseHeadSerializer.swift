/// Writes a response status line and header section into a byte buffer.
///
/// The server owns the framing fields: `Content-Length`, `Transfer-Encoding` and `Connection` set
/// by a handler are replaced (a handler's `Connection: close` is honoured by closing). `Date` and
/// `Server` are added unless the handler set them.
enum ResponseHeadSerializer {
    /// How the body that follows the head is delimited.
    enum Framing {
        case contentLength(Int)
        case chunked
        /// The body ends when the connection closes (a streamed body to an HTTP/1.0 client).
        case untilClose
        /// No body and no length field (1xx, 204, 304).
        case none
    }

    static func appendHead(
        to out: inout [UInt8], status: HTTPStatus, headers: HTTPHeaders, framing: Framing,
        keepAlive: Bool, requestVersion: HTTPVersion, date: [UInt8], serverName: [UInt8]
    ) {
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &out)
        out.append(UInt8(ascii: " "))
        appendReasonPhrase(status.reasonPhrase, to: &out)
        out.append(contentsOf: crlf)
        var hasDate = false
        var hasServer = false
        for field in headers {
            let name = field.name
            if isFraming(name) || !isToken(name) { continue }
            if !hasDate, HTTPHeaders.namesMatch(name, "date") { hasDate = true }
            if !hasServer, HTTPHeaders.namesMatch(name, "server") { hasServer = true }
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: colonSpace)
            appendFieldValue(field.value, to: &out)
            out.append(contentsOf: crlf)
        }
        if !hasDate {
            out.append(contentsOf: datePrefix)
            out.append(contentsOf: date)
            out.append(contentsOf: crlf)
        }
        if !hasServer, !serverName.isEmpty {
            out.append(contentsOf: serverPrefix)
            out.append(contentsOf: serverName)
            out.append(contentsOf: crlf)
        }
        switch framing {
        case .contentLength(let length):
            out.append(contentsOf: contentLengthPrefix)
            appendDecimal(length, to: &out)
            out.append(contentsOf: crlf)
        case .chunked:
            out.append(contentsOf: chunkedField)
        case .untilClose, .none:
            break
        }
        if !keepAlive {
            out.append(contentsOf: connectionClose)
        } else if requestVersion == .http1_0 {
            out.append(contentsOf: connectionKeepAlive)
        }
        out.append(contentsOf: crlf)
    }

    /// Whether the handler's headers ask to close the connection.
    static func requestsClose(_ headers: HTTPHeaders) -> Bool {
        for field in headers where HTTPHeaders.namesMatch(field.name, "connection") {
            if field.value.lowercased().split(separator: ",").contains(where: { $0.trimmingCharacters() == "close" }) {
                return true
            }
        }
        return false
    }

    /// Appends the chunk-size line of a chunk of `count` bytes (`1a\r\n`).
    static func appendChunkHeader(_ count: Int, to out: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var shift = (Int.bitWidth - count.leadingZeroBitCount + 3) / 4 * 4 - 4
        if shift < 0 { shift = 0 }
        while shift >= 0 {
            out.append(digits[(count >> shift) & 0xF])
            shift -= 4
        }
        out.append(contentsOf: crlf)
    }

    static let crlf: [UInt8] = [13, 10]
    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
    private static let colonSpace: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: " ")]
    private static let datePrefix: [UInt8] = Array("Date: ".utf8)
    private static let serverPrefix: [UInt8] = Array("Server: ".utf8)
    private static let contentLengthPrefix: [UInt8] = Array("Content-Length: ".utf8)
    private static let chunkedField: [UInt8] = Array("Transfer-Encoding: chunked\r\n".utf8)
    private static let connectionClose: [UInt8] = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive: [UInt8] = Array("Connection: keep-alive\r\n".utf8)

    private static func isFraming(_ name: String) -> Bool {
        let count = name.utf8.count
        return (count == 14 && HTTPHeaders.namesMatch(name, "content-length"))
            || (count == 17 && HTTPHeaders.namesMatch(name, "transfer-encoding"))
            || (count == 10 && HTTPHeaders.namesMatch(name, "connection"))
    }

    /// Whether `name` is a non-empty RFC 9110 token. Anything else (CR, LF, `:`, spaces, a
    /// look-alike such as `"Content-Length "`) would let a handler inject fields or a second
    /// framing header, so such fields are not sent.
    private static func isToken(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            return HTTPByteClass.table.withUnsafeBufferPointer { table in
                for byte in bytes where table[Int(byte)] & HTTPByteClass.token == 0 { return false }
                return true
            }
        }
    }

    /// Appends a reason phrase, replacing every byte that RFC 9112 §4 does not allow there (CTLs
    /// other than HTAB, including CR, LF, NUL and DEL) with a space, so a handler-built phrase
    /// cannot add fields or end the head early.
    private static func appendReasonPhrase(_ phrase: String, to out: inout [UInt8]) {
        HTTPByteClass.table.withUnsafeBufferPointer { table in
            for byte in phrase.utf8 {
                out.append(table[Int(byte)] & HTTPByteClass.fieldValue != 0 ? byte : UInt8(ascii: " "))
            }
        }
    }

    /// Appends a field value, replacing CR, LF and NUL with spaces so a handler can never split
    /// the response (header injection).
    private static func appendFieldValue(_ value: String, to out: inout [UInt8]) {
        for byte in value.utf8 {
            out.append(byte == 13 || byte == 10 || byte == 0 ? UInt8(ascii: " ") : byte)
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value > 0 else {
            out.append(UInt8(ascii: "0"))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                out.append(buffer[count])
            }
        }
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    func trimmingCharacters() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
