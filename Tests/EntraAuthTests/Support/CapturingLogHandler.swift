import HTTPServer
import Synchronization

/// Keeps every log record, for tests that check what was logged.
final class CapturingLogHandler: LogHandler {
    private let records = Mutex<[LogRecord]>([])
    func log(_ record: LogRecord) { records.withLock { $0.append(record) } }
    var all: [LogRecord] { records.withLock { $0 } }
    var logger: Logger { Logger(handler: self, level: .debug) }
}

extension LogRecord {
    func field(_ key: String) -> String? { metadata.first { $0.key == key }?.value }
}
