/// A small structured logger: a handler, a minimum level and fields added to every record.
///
/// ```swift
/// var logger = Logger(label: "aad-func")            // JSON lines on stderr, level info
/// logger.metadata.append((key: "region", value: "westeurope"))
/// logger.info("started", ["port": "8080"])
/// ```
///
/// Fields whose key is `authorization` (any case) are always written as `[REDACTED]`, so a bearer
/// token can never reach a log by accident.
public struct Logger: Sendable {
    /// Where records go.
    public var handler: any LogHandler
    /// Records below this level are dropped before any formatting.
    public var level: LogLevel
    /// Fields added to every record of this logger.
    public var metadata: [(key: String, value: String)]

    /// A logger writing to `handler`, dropping records below `level`.
    public init(handler: any LogHandler, level: LogLevel = .info, metadata: [(key: String, value: String)] = []) {
        self.handler = handler
        self.level = level
        self.metadata = metadata
    }

    /// A JSON-lines logger on standard error with a `logger` field set to `label`.
    public init(label: String, level: LogLevel = .info) {
        self.init(handler: JSONLinesLogHandler(), level: level, metadata: [(key: "logger", value: label)])
    }

    /// A logger that drops everything.
    public static let disabled = Logger(handler: NoOpLogHandler(), level: .error)

    /// Whether a record at `level` would be written.
    @inlinable public func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    /// Writes a record at `level` with `fields` after the logger's own metadata; the message is only built when the level is enabled.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard isEnabled(level) else { return }
        var all = metadata
        for (key, value) in fields { all.append((key, value)) }
        for index in all.indices where all[index].key.lowercased() == "authorization" {
            all[index].value = "[REDACTED]"
        }
        handler.log(LogRecord(level: level, message: message(), metadata: all))
    }

    /// Logs at `debug`.
    public func debug(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.debug, message(), fields)
    }

    /// Logs at `info`.
    public func info(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.info, message(), fields)
    }

    /// Logs at `warning`.
    public func warning(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.warning, message(), fields)
    }

    /// Logs at `error`.
    public func error(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.error, message(), fields)
    }
}
