import Foundation
#if os(Linux)
import Glibc
#endif

/// A response as read from the wire by `RawClient`.
public struct RawResponse: Sendable {
    public var statusCode: Int
    public var reason: String
    /// Header fields in order (names as sent).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded as a JSON object.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

public enum RawClientError: Error, CustomStringConvertible {
    case connectFailed(Int32)
    case timedOut
    case closedEarly(received: Int)
    case malformed(String)

    public var description: String {
        switch self {
        case .connectFailed(let code): "connect failed: errno \(code)"
        case .timedOut: "timed out waiting for the server"
        case .closedEarly(let received): "connection closed after \(received) bytes"
        case .malformed(let why): "malformed response: \(why)"
        }
    }
}

/// A TCP client for tests: sends exact bytes and reads raw responses. Every read has a timeout
/// (default 5 s), so a test never hangs on a silent server.
///
/// The `…Blocking` methods block the calling thread; the async methods run them on the client's
/// own serial dispatch queue so blocked reads never occupy the (small) cooperative thread pool
/// the tests and the server's shutdown logic share.
///
/// `@unchecked Sendable`: a client is used by one test at a time, and all its I/O runs on `queue`.
public final class RawClient: @unchecked Sendable {
    public let fd: Int32
    private var buffer: [UInt8] = []
    private let queue = DispatchQueue(label: "raw-client")

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    public func send(_ text: String) async throws { try await onQueue { try self.sendBlocking(Array(text.utf8)) } }
    public func send(_ bytes: [UInt8]) async throws { try await onQueue { try self.sendBlocking(bytes) } }
    public func readResponse(head: Bool = false) async throws -> RawResponse {
        try await onQueue { try self.readResponseBlocking(head: head) }
    }
    public func readToEnd() async throws -> [UInt8] { try await onQueue { try self.readToEndBlocking() } }
    public func isClosedByServer(within timeout: Duration = .seconds(3)) async -> Bool {
        (try? await onQueue { self.isClosedByServerBlocking(within: timeout) }) ?? false
    }

    public init(port: Int, host: String = "127.0.0.1", timeout: Duration = .seconds(5)) throws {
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        if result != 0 {
            let code = errno
            close(fd)
            throw RawClientError.connectFailed(code)
        }
        setTimeout(timeout)
    }

    deinit { close(fd) }

    public func setTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    public func sendBlocking(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { throw RawClientError.closedEarly(received: offset) }
            offset += written
        }
    }

    /// Half-closes the sending side.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads more bytes into the buffer; false on end of file or reset.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 { return false }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { throw RawClientError.timedOut }
            print("RawClient: recv failed with errno \(code)")
            return false
        }
    }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 10), index > 0, buffer[index - 1] == 13 {
                let line = String(decoding: buffer[0..<(index - 1)], as: UTF8.self)
                buffer.removeFirst(index + 1)
                return line
            }
            guard try fill() else { throw RawClientError.closedEarly(received: buffer.count) }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw RawClientError.closedEarly(received: buffer.count) }
        }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one response. `head` says the request was HEAD (no body follows the head).
    public func readResponseBlocking(head: Bool = false) throws -> RawResponse {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else {
            throw RawClientError.malformed(statusLine)
        }
        var headers: [(String, String)] = []
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError.malformed(line) }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawResponse(statusCode: code, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
        if head || code == 204 || code == 304 || (100..<200).contains(code) { return response }
        if let length = response.header("content-length").flatMap(Int.init) {
            response.body = try readExactly(length)
        } else if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine, radix: 16) else { throw RawClientError.malformed("chunk size \(sizeLine)") }
                if size == 0 {
                    _ = try readLine()
                    break
                }
                response.body += try readExactly(size)
                _ = try readLine()
            }
        } else {
            response.body = try readToEndBlocking()
        }
        return response
    }

    /// Reads until the server closes; returns the bytes (buffered ones first).
    public func readToEndBlocking() throws -> [UInt8] {
        while try fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// True if the server closes the connection (end of file or reset) before `timeout` with no
    /// further bytes; false if bytes arrive or it stays open.
    public func isClosedByServerBlocking(within timeout: Duration = .seconds(3)) -> Bool {
        guard buffer.isEmpty else { return false }
        setTimeout(timeout)
        var byte: UInt8 = 0
        var count = recv(fd, &byte, 1, 0)
        while count < 0 && errno == EINTR { count = recv(fd, &byte, 1, 0) }
        if count == 0 { return true }
        if count < 0 && errno == ECONNRESET { return true }
        if count > 0 { buffer.append(byte) }
        return false
    }
}
