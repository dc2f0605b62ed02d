#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 socket address (numeric host and port).
///
/// ```swift
/// let server = Server(configuration: .init(address: .hostPort("::1", 0)), router: router)
/// Task { try await server.run() }
/// let address = try await server.boundAddress   // e.g. [::1]:43817
/// print(address.port)
/// ```
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family.
    public enum Family: Sendable, Hashable {
        case ipv4
        case ipv6
    }

    /// The numeric host, for example `127.0.0.1` or `::1`.
    public var host: String
    /// The port number.
    public var port: Int
    /// IPv4 or IPv6.
    public var family: Family

    /// An address from its parts (the host is not validated).
    public init(host: String, port: Int, family: Family) {
        self.host = host
        self.port = port
        self.family = family
    }

    /// `host:port`, with IPv6 hosts in brackets (`[::1]:8080`).
    public var description: String {
        family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Decodes a kernel socket address; `nil` for families other than IPv4/IPv6.
    init?(_ storage: UnsafePointer<sockaddr_storage>) {
        let raw = UnsafeRawPointer(storage)
        switch Int32(storage.pointee.ss_family) {
        case AF_INET:
            var address = raw.load(as: sockaddr_in.self)
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count))
            self.init(host: Self.string(text), port: Int(UInt16(bigEndian: address.sin_port)), family: .ipv4)
        case AF_INET6:
            var address = raw.load(as: sockaddr_in6.self)
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count))
            self.init(host: Self.string(text), port: Int(UInt16(bigEndian: address.sin6_port)), family: .ipv6)
        default:
            return nil
        }
    }

    private static func string(_ text: [CChar]) -> String {
        let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
