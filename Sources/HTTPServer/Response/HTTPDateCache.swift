#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7),
/// formatted at most once per second. One per event loop; used only on its thread.
final class HTTPDateCache {
    private(set) var bytes: [UInt8] = []
    private var second: Int = -1

    /// Reformats if the wall-clock second changed.
    func refreshIfNeeded() {
        let current = time(nil)
        if current != second { format(current) }
    }

    func refresh() { format(time(nil)) }

    private func format(_ seconds: Int) {
        second = seconds
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        bytes = Self.imfFixdate(parts)
    }

    static func imfFixdate(_ parts: tm) -> [UInt8] {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = "\(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        return Array(text.utf8)
    }
}
