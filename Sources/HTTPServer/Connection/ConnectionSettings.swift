/// What every connection of one server shares: limits, timeouts (in nanoseconds), the
/// request handler and logging. Immutable after the server starts.
struct ConnectionSettings: Sendable {
    /// Answers one request; never throws (errors are already turned into responses).
    typealias Responder = @Sendable (HTTPRequest, SocketAddress?) async -> HTTPResponse

    var limits: HTTPParserLimits
    var headerTimeout: UInt64
    var bodyTimeout: UInt64
    var idleTimeout: UInt64
    var writeTimeout: UInt64
    var lingerTimeout: UInt64
    /// Bytes of body that must arrive before the body stall timer restarts: a minimum data rate
    /// of this many bytes per `bodyTimeout`, so a client trickling a byte at a time cannot hold
    /// a connection for `maxBodyBytes × bodyTimeout` (attacks.md B8, R.U.D.Y.).
    var minimumBodyProgress: Int
    /// Stop reading a connection's pipelined input while this many bytes wait behind a running handler.
    var maxBufferedInput: Int
    /// Stop processing pipelined requests while this many response bytes wait to be written.
    var outputHighWater: Int
    var serverName: [UInt8]
    var accessLog: Bool
    var logger: Logger
    var responder: Responder
}
