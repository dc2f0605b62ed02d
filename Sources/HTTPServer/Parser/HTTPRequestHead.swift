/// How the body of a request is delimited (RFC 9112 §6.3).
enum HTTPBodyFraming: Equatable {
    /// Neither `Content-Length` nor `Transfer-Encoding`: no body.
    case none
    /// `Content-Length: n`.
    case length(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked
}

/// The parsed and checked head of a request: request line plus header section.
struct HTTPRequestHead {
    var method: HTTPMethod
    var rawTarget: String
    var target: HTTPRequestTarget
    /// The effective authority: the target's (absolute-form, CONNECT) or else `Host`.
    var authority: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: HTTPBodyFraming
    var keepAlive: Bool
    var expectsContinue: Bool

    /// Parses a complete head.
    ///
    /// - Parameters:
    ///   - head: the bytes from the request line through the CRLF that ends the last field line
    ///     (the empty line is not included). The caller has already checked that every line
    ///     ends in CRLF, that no other CR occurs, and that the limits hold.
    ///   - requestLineLength: the length of the request line without its CRLF.
    ///   - fieldCount: the number of field lines, used to size the header storage.
    static func parse(
        _ head: UnsafeRawBufferPointer, requestLineLength: Int, fieldCount: Int,
        limits: HTTPParserLimits, requiresHost: Bool
    ) throws(HTTPParseError) -> HTTPRequestHead {
        try HTTPByteClass.table.withUnsafeBufferPointer { table throws(HTTPParseError) in
            let line = head.slice(0..<requestLineLength)
            let (method, rawTarget, target, version) = try parseRequestLine(line, table: table)
            var headers = HTTPHeaders()
            headers.fields.reserveCapacity(fieldCount)

            var hostCount = 0
            var hostValue = ""
            var contentLength: Int?
            var contentLengthTooLarge = false
            var transferCodings = TransferCodingList()
            var connectionClose = false
            var connectionKeepAlive = false
            var expectsContinue = false

            var lineStart = requestLineLength + 2
            while lineStart < head.count {
                let lineFeed = head.firstIndex(of: UInt8(ascii: "\n"), from: lineStart) ?? head.count
                let field = try HTTPFieldLine.parse(head.slice(lineStart..<(lineFeed - 1)), table: table)
                lineStart = lineFeed + 1

                switch HTTPKnownField(field.name) {
                case .host:
                    hostCount += 1
                    guard hostCount == 1 else {
                        throw HTTPParseError(.duplicateHost, "The request has more than one Host header.")
                    }
                    try HTTPAuthority.validate(field.value, requirePort: false)
                    hostValue = field.value.string
                    headers.fields.append(HTTPHeaders.Field(name: field.name.string, value: hostValue))
                    continue
                case .contentLength:
                    guard contentLength == nil else {
                        throw HTTPParseError(.duplicateContentLength, "The request has more than one Content-Length header.")
                    }
                    let (value, tooLarge) = try parseContentLength(field.value, max: limits.maxBodyBytes)
                    contentLength = value
                    contentLengthTooLarge = tooLarge
                case .transferEncoding:
                    try transferCodings.add(field.value, table: table)
                case .connection:
                    forEachListElement(field.value) { token in
                        if token.equalsCaseInsensitive("close") {
                            connectionClose = true
                        } else if token.equalsCaseInsensitive("keep-alive") {
                            connectionKeepAlive = true
                        }
                    }
                case .expect:
                    // RFC 9110 §10.1.1: a server MUST ignore 100-continue in an HTTP/1.0 request.
                    if version.minor >= 1 {
                        guard field.value.equalsCaseInsensitive("100-continue") else {
                            throw HTTPParseError(.unsupportedExpectation, "The only supported expectation is 100-continue.")
                        }
                        expectsContinue = true
                    }
                case .other:
                    break
                }
                headers.fields.append(HTTPHeaders.Field(name: field.name.string, value: field.value.string))
            }

            if hostCount == 0 && version.minor >= 1 && requiresHost {
                throw HTTPParseError(.missingHost, "An HTTP/1.1 request must have a Host header.")
            }
            var framing = HTTPBodyFraming.none
            if transferCodings.isPresent {
                guard contentLength == nil else {
                    throw HTTPParseError(
                        .conflictingContentLengthAndTransferEncoding,
                        "The request has both Content-Length and Transfer-Encoding.")
                }
                guard version.minor >= 1 else {
                    throw HTTPParseError(.transferEncodingInHTTP10, "Transfer-Encoding is not allowed in an HTTP/1.0 request.")
                }
                try transferCodings.validate()
                framing = .chunked
            } else if let contentLength {
                guard !contentLengthTooLarge else {
                    throw HTTPParseError(.bodyTooLarge, "The declared Content-Length exceeds the body size limit.")
                }
                if contentLength > 0 { framing = .length(contentLength) }
            }
            // CONNECT is never kept alive: after it the client would send tunnel bytes, and this
            // server offers no tunnel.
            let keepAlive =
                method != .connect && !connectionClose && (version.minor >= 1 || connectionKeepAlive)
            return HTTPRequestHead(
                method: method, rawTarget: rawTarget, target: target, authority: target.authority ?? hostValue,
                version: version, headers: headers, framing: framing, keepAlive: keepAlive,
                expectsContinue: expectsContinue)
        }
    }

    /// `method SP request-target SP HTTP-version`, with exactly one SP between the parts.
    private static func parseRequestLine(
        _ line: UnsafeRawBufferPointer, table: UnsafeBufferPointer<UInt8>
    ) throws(HTTPParseError) -> (HTTPMethod, String, HTTPRequestTarget, HTTPVersion) {
        var methodEnd = 0
        while methodEnd < line.count && table[Int(line[methodEnd])] & HTTPByteClass.token != 0 { methodEnd += 1 }
        guard methodEnd > 0, methodEnd < line.count, line[methodEnd] == UInt8(ascii: " ") else {
            throw HTTPParseError(.invalidMethod, "The request method is missing or is not a token.")
        }
        let targetStart = methodEnd + 1
        guard let targetEnd = line.firstIndex(of: UInt8(ascii: " "), from: targetStart) else {
            throw HTTPParseError(.invalidVersion, "The request line has no HTTP version.")
        }
        guard targetEnd > targetStart else {
            throw HTTPParseError(.invalidRequestTarget, "The request target is empty or preceded by more than one space.")
        }
        let version = try parseVersion(line.slice((targetEnd + 1)..<line.count))
        let method = knownMethod(line.slice(0..<methodEnd))
        let targetBytes = line.slice(targetStart..<targetEnd)
        let rawTarget = targetBytes.string
        let target = try HTTPRequestTarget.parse(targetBytes, raw: rawTarget, method: method)
        return (method, rawTarget, target, version)
    }

    /// `HTTP/DIGIT.DIGIT`; only major version 1 is served.
    private static func parseVersion(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPVersion {
        if bytes.equals("HTTP/1.1") { return .http1_1 }
        if bytes.equals("HTTP/1.0") { return .http1_0 }
        guard bytes.count == 8, bytes.slice(0..<5).equals("HTTP/"), bytes[6] == UInt8(ascii: "."),
            let major = digit(bytes[5]), let minor = digit(bytes[7])
        else {
            throw HTTPParseError(.invalidVersion, "The HTTP version is malformed.")
        }
        guard major == 1 else {
            throw HTTPParseError(.unsupportedVersion, "Only HTTP/1.0 and HTTP/1.1 are supported.")
        }
        // RFC 9110 §6.2: a higher minor version is processed as the highest one implemented.
        return HTTPVersion(major: 1, minor: minor)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Shares the common methods' strings instead of building new ones.
    private static func knownMethod(_ bytes: UnsafeRawBufferPointer) -> HTTPMethod {
        switch bytes.count {
        case 3:
            if bytes.equals("GET") { return .get }
            if bytes.equals("PUT") { return .put }
        case 4:
            if bytes.equals("POST") { return .post }
            if bytes.equals("HEAD") { return .head }
        case 5:
            if bytes.equals("PATCH") { return .patch }
        case 6:
            if bytes.equals("DELETE") { return .delete }
        case 7:
            if bytes.equals("OPTIONS") { return .options }
            if bytes.equals("CONNECT") { return .connect }
        default:
            break
        }
        return HTTPMethod(rawValue: bytes.string)
    }

    /// `Content-Length = 1*DIGIT` (RFC 9110 §8.6): no sign, no list, no inner whitespace.
    /// Returns the value (the longest prefix not above `max` once it is too large) and whether
    /// it exceeds `max`.
    private static func parseContentLength(_ value: UnsafeRawBufferPointer, max: Int) throws(HTTPParseError) -> (Int, Bool) {
        guard !value.isEmpty else {
            throw HTTPParseError(.invalidContentLength, "The Content-Length header is empty.")
        }
        var result = 0
        var tooLarge = false
        for byte in value {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                throw HTTPParseError(.invalidContentLength, "The Content-Length header is not a plain decimal number.")
            }
            if !tooLarge {
                // Overflow-checked: `max` may be as large as `Int.max` ("no limit"), and Swift
                // traps on overflow, so an unchecked `result * 10` would crash on a long number.
                let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if overflow1 || overflow2 || next > max {
                    tooLarge = true
                } else {
                    result = next
                }
            }
        }
        return (result, tooLarge)
    }

    /// Calls `body` with each non-empty, whitespace-trimmed element of a comma-separated list.
    static func forEachListElement(_ value: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        for index in 0...value.count where index == value.count || value[index] == UInt8(ascii: ",") {
            let element = value.slice(start..<index).trimmingOptionalWhitespace()
            if !element.isEmpty { body(element) }
            start = index + 1
        }
    }
}
