/// How important a log record is, from `trace` (most verbose) to `error`.
public enum LogLevel: Int, Sendable, Comparable, CustomStringConvertible {
    case trace, debug, info, notice, warning, error

    /// Orders levels from `trace` (lowest) to `error` (highest).
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The lowercase level name used in log lines.
    public var description: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        }
    }
}
