import Foundation
import JOSE

/// JWT NumericDate handling (RFC 7519 §2): seconds since the epoch, integer or not.
///
/// `JSONNumber.int64Value` is nil for `1.0` or `1e9`, so claims checks read `doubleValue`
/// and never take a missing integer reading for a missing claim.
enum NumericDate {
    /// Seconds at or beyond this magnitude (2^63) are no NumericDate an issuer writes: they do
    /// not fit the Int64 second counts every JWT library uses (attacks.md A33, `exp` at Int64
    /// max or 1e20 would make a token valid forever).
    static let limit: Double = 9_223_372_036_854_775_808

    /// The claim's value in seconds, when it is a finite JSON number representable as Int64 seconds.
    static func seconds(_ value: JSONValue?) -> Double? {
        guard let number = value?.numberValue, number.doubleValue.isFinite, number.doubleValue.magnitude < limit else { return nil }
        return number.doubleValue
    }

    /// The claim as a date, when ``seconds(_:)`` reads it.
    static func date(_ value: JSONValue?) -> Date? {
        seconds(value).map { Date(timeIntervalSince1970: $0) }
    }

    /// ISO 8601 in UTC with seconds, e.g. `2026-12-06T14:03:00Z`, for error messages.
    static func iso8601(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "\(seconds)" }
        return Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(.iso8601)
    }
}
