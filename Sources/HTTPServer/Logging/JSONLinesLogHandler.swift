import Foundation
import Synchronization
#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each record as one JSON object per line (default: standard error).
///
/// ```json
/// {"ts":"2026-11-21T21:40:00.123Z","level":"info","msg":"request","method":"GET","path":"/hello","status":"200","bytes":"2","duration_us":"41"}
/// ```
public final class JSONLinesLogHandler: LogHandler {
    private let fd: Int32
    /// Serialises writes so lines from different threads never interleave.
    private let lock = Mutex(())

    /// Logs to `fileDescriptor` (default 2, standard error).
    public init(fileDescriptor: Int32 = 2) {
        self.fd = fileDescriptor
    }

    /// Formats `record` as one JSON object and writes it with a trailing newline.
    public func log(_ record: LogRecord) {
        var line: [UInt8] = []
        line.reserveCapacity(160)
        line.append(contentsOf: #"{"ts":"#.utf8)
        JSONString.append(Self.timestamp(), to: &line)
        line.append(contentsOf: #","level":"#.utf8)
        JSONString.append(record.level.description, to: &line)
        line.append(contentsOf: #","msg":"#.utf8)
        JSONString.append(record.message, to: &line)
        for (key, value) in record.metadata {
            line.append(UInt8(ascii: ","))
            JSONString.append(key, to: &line)
            line.append(UInt8(ascii: ":"))
            JSONString.append(value, to: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        lock.withLock { _ in
            line.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                var offset = 0
                while offset < bytes.count {
                    let written = write(fd, base + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    /// UTC time with milliseconds, RFC 3339.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var clock = now.tv_sec
        var parts = tm()
        gmtime_r(&clock, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))."
            + "\(pad(Int(now.tv_nsec) / 1_000_000, 3))Z"
    }
}
