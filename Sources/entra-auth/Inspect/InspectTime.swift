import Foundation

/// Times for `entra-auth inspect`: parsing `--at` and writing instants and distances for people.
///
/// ```swift
/// InspectTime.parse("2024-09-02T14:03:00Z")      // a Date
/// InspectTime.parse("1725285780")                // the same kind of Date, from Unix seconds
/// InspectTime.distance(11_520)                   // "3 h 12 min"
/// ```
enum InspectTime {
    /// `--at`: ISO 8601 with a zone (`2024-09-02T14:03:00Z`, `…T16:03:00+02:00`, fractional
    /// seconds allowed) or Unix seconds (`1725285780`, `1725285780.5`); `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        if let seconds = unixSeconds(text) { return Date(timeIntervalSince1970: seconds) }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// Digits with an optional fraction, within ±10¹² seconds; no sign, exponent or spaces.
    private static func unixSeconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        var sawDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !sawDot else { return nil }
                sawDot = true
            } else if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                return nil
            }
        }
        guard bytes.last != UInt8(ascii: "."), let value = Double(text), value < 1e12 else { return nil }
        return value
    }

    /// UTC ISO 8601 with seconds, `2024-09-02T09:29:13Z` (fractions dropped).
    static func iso8601(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "\(seconds)" }
        return Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(.iso8601)
    }

    /// A distance for people, never negative: `42 s`, `12 min`, `3 h 12 min`, `1 day 4 h`, `12 days`.
    static func distance(_ seconds: Double) -> String {
        let total = Int(abs(seconds).rounded(.down).clamped(to: 0...1e11))
        let days = total / 86_400, hours = total % 86_400 / 3_600, minutes = total % 3_600 / 60
        switch total {
        case ..<60: return "\(total) s"
        case ..<3_600: return "\(minutes) min"
        case ..<86_400: return minutes == 0 ? "\(hours) h" : "\(hours) h \(minutes) min"
        case ..<(7 * 86_400):
            let dayText = days == 1 ? "1 day" : "\(days) days"
            return hours == 0 ? dayText : "\(dayText) \(hours) h"
        default: return "\(days) days"
        }
    }

    /// `in 3 h 12 min` or `2 days ago`, for an instant `seconds` from the reference time.
    static func relative(_ seconds: Double) -> String {
        seconds >= 0 ? "in \(distance(seconds))" : "\(distance(seconds)) ago"
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
