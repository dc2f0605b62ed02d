// TEMPORARY stand-in for the real parser (owned by the http-parser helper), written against the
// contract so the connection can be tested over sockets before the real parser lands.
// DELETE this file when merging main brings Sources/HTTPServer/Parser/.

public struct HTTPParserLimits: Sendable, Hashable {
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int
    public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 16 * 1024,
                maxHeaderCount: Int = 100, maxBodyBytes: Int = 1 << 20) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

public struct HTTPParseError: Error, Sendable, Equatable {
    public enum Reason: String, Sendable {
        case invalidMethod, invalidRequestTarget, invalidVersion, unsupportedVersion,
             requestLineTooLong, headersTooLarge, tooManyHeaders, invalidHeaderName, invalidHeaderValue,
             missingHost, invalidContentLength, unsupportedTransferEncoding, invalidChunkSize, bodyTooLarge,
             conflictingContentLengthAndTransferEncoding
    }
    public var reason: Reason
    public var status: HTTPStatus
    public var detail: String
    init(_ reason: Reason, _ status: HTTPStatus = .badRequest, _ detail: String) {
        self.reason = reason; self.status = status; self.detail = detail
    }
}

enum HTTPParserEvent {
    case headComplete(expectsContinue: Bool)
    case request(HTTPRequest, keepAlive: Bool)
}

struct HTTPRequestParser {
    private let limits: HTTPParserLimits
    private var buffer: [UInt8] = []
    private var start = 0
    private var head: (HTTPRequest, Bool, Int?, Bool)?   // request, keepAlive, content length, chunked
    private var reportedHead = false
    private var body: [UInt8] = []

    init(limits: HTTPParserLimits) { self.limits = limits }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        buffer.append(contentsOf: bytes)
    }

    var isMidRequest: Bool { head != nil || start < buffer.count }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        var index = from
        while index + needle.count <= buffer.count {
            if buffer[index] == needle[0] && Array(buffer[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        if head == nil {
            while buffer.count - start >= 2 && buffer[start] == 13 && buffer[start + 1] == 10 { start += 2 }
            guard let lineEnd = find([13, 10], from: start) else {
                if buffer.count - start > limits.maxRequestLineBytes { throw HTTPParseError(.requestLineTooLong, .uriTooLong, "request line too long") }
                return nil
            }
            if lineEnd - start > limits.maxRequestLineBytes { throw HTTPParseError(.requestLineTooLong, .uriTooLong, "request line too long") }
            guard let headEnd = find([13, 10, 13, 10], from: start) else {
                if buffer.count - lineEnd > limits.maxHeaderBytes { throw HTTPParseError(.headersTooLarge, .requestHeaderFieldsTooLarge, "headers too large") }
                return nil
            }
            if headEnd - lineEnd > limits.maxHeaderBytes { throw HTTPParseError(.headersTooLarge, .requestHeaderFieldsTooLarge, "headers too large") }
            let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
            guard line.count == 3 else { throw HTTPParseError(.invalidMethod, .badRequest, "bad request line") }
            let version: HTTPVersion
            switch line[2] {
            case "HTTP/1.1": version = .http1_1
            case "HTTP/1.0": version = .http1_0
            default: throw HTTPParseError(.unsupportedVersion, .httpVersionNotSupported, "unsupported version")
            }
            var headers = HTTPHeaders()
            if headEnd > lineEnd {
                for fieldLine in String(decoding: buffer[(lineEnd + 2)..<headEnd], as: UTF8.self).split(separator: "\r\n") {
                    guard let colon = fieldLine.firstIndex(of: ":") else { throw HTTPParseError(.invalidHeaderName, .badRequest, "bad field") }
                    let name = String(fieldLine[..<colon])
                    if name.contains(" ") { throw HTTPParseError(.invalidHeaderName, .badRequest, "bad field name") }
                    headers.add(name: name, value: fieldLine[fieldLine.index(after: colon)...].trimmingSpaces())
                }
            }
            if headers.count > limits.maxHeaderCount { throw HTTPParseError(.tooManyHeaders, .requestHeaderFieldsTooLarge, "too many headers") }
            if version == .http1_1 && headers.values(for: "host").count != 1 { throw HTTPParseError(.missingHost, .badRequest, "Host required") }
            let target = String(line[1])
            let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            var query = HTTPQuery()
            if pathPart.count == 2 {
                for item in pathPart[1].split(separator: "&") {
                    let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    query.items.append((String(pair[0]), pair.count > 1 ? String(pair[1]) : ""))
                }
            }
            let connection = (headers["connection"] ?? "").lowercased()
            let keepAlive = version == .http1_1 ? !connection.contains("close") : connection.contains("keep-alive")
            let chunked = headers["transfer-encoding"]?.lowercased() == "chunked"
            if headers["transfer-encoding"] != nil && !chunked { throw HTTPParseError(.unsupportedTransferEncoding, .notImplemented, "unsupported coding") }
            var length: Int? = nil
            if let value = headers["content-length"] {
                if chunked { throw HTTPParseError(.conflictingContentLengthAndTransferEncoding, .badRequest, "CL and TE") }
                guard let parsed = Int(value), parsed >= 0 else { throw HTTPParseError(.invalidContentLength, .badRequest, "bad CL") }
                if parsed > limits.maxBodyBytes { throw HTTPParseError(.bodyTooLarge, .contentTooLarge, "body too large") }
                length = parsed
            }
            let request = HTTPRequest(method: HTTPMethod(rawValue: String(line[0])), rawTarget: target, path: String(pathPart[0]),
                                      query: query, version: version, headers: headers)
            head = (request, keepAlive, length, chunked)
            reportedHead = false
            body = []
            start = headEnd + 4
        }
        guard var (request, keepAlive, length, chunked) = head else { return nil }
        if chunked {
            while true {
                guard let lineEnd = find([13, 10], from: start) else { return reportHead(request) }
                guard let size = Int(String(decoding: buffer[start..<lineEnd], as: UTF8.self), radix: 16), size >= 0 else {
                    throw HTTPParseError(.invalidChunkSize, .badRequest, "bad chunk size")
                }
                if body.count + size > limits.maxBodyBytes { throw HTTPParseError(.bodyTooLarge, .contentTooLarge, "body too large") }
                if size == 0 {
                    guard buffer.count >= lineEnd + 4 else { return reportHead(request) }
                    start = lineEnd + 4
                    break
                }
                guard buffer.count >= lineEnd + 2 + size + 2 else { return reportHead(request) }
                body.append(contentsOf: buffer[(lineEnd + 2)..<(lineEnd + 2 + size)])
                start = lineEnd + 2 + size + 2
            }
        } else if let length, length > 0 {
            guard buffer.count - start >= length else { return reportHead(request) }
            body = Array(buffer[start..<start + length])
            start += length
        }
        request.body = body
        head = nil
        return .request(request, keepAlive: keepAlive)
    }

    private mutating func reportHead(_ request: HTTPRequest) -> HTTPParserEvent? {
        if reportedHead { return nil }
        reportedHead = true
        return .headComplete(expectsContinue: request.headers["expect"]?.lowercased() == "100-continue")
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
