/// One log event: level, message and structured fields.
public struct LogRecord: Sendable {
    /// How important the record is.
    public var level: LogLevel
    /// What happened, in a few words (for example `request`).
    public var message: String
    /// Structured fields in the order given (for example `status`, `duration_us`).
    public var metadata: [(key: String, value: String)]

    /// A record with `metadata` fields in order.
    public init(level: LogLevel, message: String, metadata: [(key: String, value: String)] = []) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}

/// Where log records go. Implement it to send logs elsewhere.
///
/// ```swift
/// struct PrintLogHandler: LogHandler {
///     func log(_ record: LogRecord) { print(record.level, record.message) }
/// }
/// let logger = Logger(handler: PrintLogHandler())
/// ```
public protocol LogHandler: Sendable {
    /// Records `record`. Called from many threads; must be thread-safe and should not block long.
    func log(_ record: LogRecord)
}

/// Discards everything (benchmarks, tests).
public struct NoOpLogHandler: LogHandler {
    /// A handler that drops every record.
    public init() {}
    /// Does nothing.
    public func log(_ record: LogRecord) {}
}
