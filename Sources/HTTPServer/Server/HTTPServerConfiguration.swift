import Foundation

/// Everything an `Server` can be told: address, limits, timeouts, loops, logging, shutdown.
///
/// ```swift
/// var configuration = HTTPServerConfiguration(address: .hostPort("0.0.0.0", 8080))
/// configuration.limits.maxBodyBytes = 64 * 1024
/// configuration.idleTimeout = .seconds(30)
/// configuration.accessLog = false
/// ```
public struct HTTPServerConfiguration: Sendable {
    /// Where to listen. Default `127.0.0.1:8080`.
    public var address: BindAddress
    /// Request line, header and body limits the parser enforces (414, 431, 413).
    public var limits: HTTPParserLimits
    /// Time allowed from the first byte of a request to the end of its header section (then 408).
    public var headerTimeout: Duration
    /// Longest time allowed for each 1 KiB of a request body to arrive (then 408). This is a
    /// minimum data rate, not an idle timer: a trickle of a few bytes does not restart it.
    public var bodyTimeout: Duration
    /// How long a keep-alive connection may sit between requests before it is closed quietly.
    public var idleTimeout: Duration
    /// Longest pause allowed while the client is not reading a response (then the connection closes).
    public var writeTimeout: Duration
    /// After an error response: how long to drain the client's remaining input before closing.
    public var lingerTimeout: Duration
    /// On shutdown, how long in-flight requests may take before their connections are closed.
    public var shutdownGracePeriod: Duration
    /// Maximum simultaneous connections; more are answered `503` and closed.
    public var maxConnections: Int
    /// Number of event loop threads. Default: the active processor count.
    public var eventLoopCount: Int
    /// `listen()` backlog.
    public var backlog: Int32
    /// The `Server` field value; empty to send none.
    public var serverName: String
    /// Log one line per request (method, path, status, body bytes, duration in µs).
    public var accessLog: Bool
    /// Where access and error lines go. Default: JSON lines on standard error.
    public var logger: Logger
    /// Shut down gracefully on SIGTERM and SIGINT. Turn off when embedding the server in a
    /// program that handles signals itself (and call `shutdown()`).
    public var handlesSignals: Bool

    /// A configuration with the defaults listed on each property.
    public init(
        address: BindAddress = .hostPort("127.0.0.1", 8080),
        limits: HTTPParserLimits = HTTPParserLimits(),
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60),
        writeTimeout: Duration = .seconds(30),
        lingerTimeout: Duration = .seconds(2),
        shutdownGracePeriod: Duration = .seconds(10),
        maxConnections: Int = 10_000,
        eventLoopCount: Int = HTTPServerConfiguration.defaultEventLoopCount,
        backlog: Int32 = 1024,
        serverName: String = "EntraAuth",
        accessLog: Bool = true,
        logger: Logger = Logger(label: "http"),
        handlesSignals: Bool = true
    ) {
        self.address = address
        self.limits = limits
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.lingerTimeout = lingerTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.maxConnections = maxConnections
        self.eventLoopCount = eventLoopCount
        self.backlog = backlog
        self.serverName = serverName
        self.accessLog = accessLog
        self.logger = logger
        self.handlesSignals = handlesSignals
    }
}

extension HTTPServerConfiguration {
    /// The default number of event loops: the active processor count.
    public static var defaultEventLoopCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

extension Server {
    /// The server's configuration (see `HTTPServerConfiguration`).
    public typealias Configuration = HTTPServerConfiguration
}
