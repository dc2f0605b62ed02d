/// Where the server listens.
///
/// ```swift
/// .hostPort("127.0.0.1", 8080)   // IPv4 loopback
/// .hostPort("::1", 0)            // IPv6 loopback, a free port chosen by the kernel
/// .port(8080)                    // every interface, IPv6 and IPv4 (dual stack) when available
/// ```
public enum BindAddress: Sendable, Hashable, CustomStringConvertible {
    /// A numeric IPv4 or IPv6 host (or `localhost`) and a port; port 0 picks a free port.
    case hostPort(String, Int)
    /// Every interface on `port`: `[::]` accepting IPv4 too, or `0.0.0.0` without IPv6.
    case port(Int)

    /// `host:port`, `[v6]:port` or `*:port`.
    public var description: String {
        switch self {
        case .hostPort(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .port(let port): "*:\(port)"
        }
    }
}
