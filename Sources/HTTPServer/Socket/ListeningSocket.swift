#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bound, listening, non-blocking TCP socket.
struct ListeningSocket: Sendable {
    let fd: Int32
    let address: SocketAddress

    /// Binds and listens on `bindAddress` with `SO_REUSEADDR`.
    static func open(_ bindAddress: BindAddress, backlog: Int32) throws(SocketError) -> ListeningSocket {
        switch bindAddress {
        case .hostPort(let host, let port):
            let numericHost = host == "localhost" ? "127.0.0.1" : host
            return try open(host: numericHost, port: port, backlog: backlog, dualStack: false)
        case .port(let port):
            do {
                return try open(host: "::", port: port, backlog: backlog, dualStack: true)
            } catch where error.reason == .socketFailed {
                return try open(host: "0.0.0.0", port: port, backlog: backlog, dualStack: false)
            }
        }
    }

    private static func open(host: String, port: Int, backlog: Int32, dualStack: Bool) throws(SocketError) -> ListeningSocket {
        guard (0...65535).contains(port) else { throw SocketError(.invalidPort, "port \(port) is outside 0...65535") }
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            #if canImport(Darwin)
            address.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
            #endif
            address.sin6_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                throw SocketError(.invalidAddress, "\"\(host)\" is not a numeric IPv6 address")
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
            #endif
            address.sin_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
                throw SocketError(.invalidAddress, "\"\(host)\" is not a numeric IPv4 address or localhost")
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        }
        #if os(Linux)
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(family, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketError(.socketFailed, errno: errno, "socket() failed") }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET6 {
            var v6Only: Int32 = dualStack ? 0 : 1
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &v6Only, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            _ = closeDescriptor(fd)
            throw SocketError(.bindFailed, errno: code, "bind(\(host.contains(":") ? "[\(host)]" : host):\(port)) failed")
        }
        guard listen(fd, backlog) == 0 else {
            let code = errno
            _ = closeDescriptor(fd)
            throw SocketError(.listenFailed, errno: code, "listen() failed")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var local = sockaddr_storage()
        var localLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &localLength) }
        }
        let address = SocketAddress(&local) ?? SocketAddress(host: host, port: port, family: family == AF_INET6 ? .ipv6 : .ipv4)
        return ListeningSocket(fd: fd, address: address)
    }

    /// The outcome of one `accept`.
    enum AcceptResult {
        case accepted(fd: Int32, peer: SocketAddress?)
        /// No connection is pending.
        case wouldBlock
        /// Out of descriptors or another error; `errno` says which.
        case failed(errno: Int32)
    }

    /// Accepts one pending connection as a non-blocking socket with `TCP_NODELAY` set.
    func accept() -> AcceptResult {
        var peer = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client: Int32 = withUnsafeMutablePointer(to: &peer) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                #if os(Linux)
                if let calls = LinuxSystemCalls.table {
                    return calls.accept4(fd, address, &length, LinuxSystemCalls.nonBlocking | LinuxSystemCalls.closeOnExec)
                }
                #endif
                let accepted = systemAccept(fd, address, &length)
                if accepted >= 0 { _ = fcntl(accepted, F_SETFL, fcntl(accepted, F_GETFL) | O_NONBLOCK) }
                return accepted
            }
        }
        guard client >= 0 else {
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR || code == ECONNABORTED { return .wouldBlock }
            return .failed(errno: code)
        }
        var on: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return .accepted(fd: client, peer: SocketAddress(&peer))
    }

    func close() {
        _ = closeDescriptor(fd)
    }
}

/// The C library `accept`, named so it does not clash with `ListeningSocket.accept()`.
@inline(__always)
private func systemAccept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
    #if os(Linux)
    return Glibc.accept(fd, address, length)
    #else
    return Darwin.accept(fd, address, length)
    #endif
}

/// The C library `close`.
@inline(__always)
func closeDescriptor(_ fd: Int32) -> Int32 {
    #if os(Linux)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}
