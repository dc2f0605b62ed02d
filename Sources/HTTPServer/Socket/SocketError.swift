#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed socket operation while starting the server.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for programs to switch on.
    public enum Reason: String, Sendable {
        /// The host is not a numeric IPv4/IPv6 address or `localhost`.
        case invalidAddress
        /// The port is outside 0...65535.
        case invalidPort
        case socketFailed
        /// Typically "address already in use".
        case bindFailed
        case listenFailed
        /// The event loop could not be created (epoll/kqueue/eventfd).
        case eventLoopFailed
        /// `run()` was called on a server that is already running or has run.
        case alreadyStarted
    }

    /// What went wrong.
    public var reason: Reason
    /// The C `errno`, when a system call failed.
    public var errno: Int32?
    /// One human sentence.
    public var detail: String

    init(_ reason: Reason, errno: Int32? = nil, _ detail: String) {
        self.reason = reason
        self.errno = errno
        self.detail = detail
    }

    /// The detail plus the system error text, when there is one.
    public var description: String {
        if let errno { return "\(detail): \(String(cString: strerror(errno)))" }
        return detail
    }
}
