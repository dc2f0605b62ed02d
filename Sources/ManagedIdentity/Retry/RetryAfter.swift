import Foundation
import OutboundHTTP

extension OutboundResponse {
    /// The `Retry-After` header as a number of seconds (0…86 400), or `nil` when absent or not a
    /// plain integer (HTTP-date values fall back to the policy's backoff).
    var retryAfter: Duration? {
        guard let text = header("retry-after")?.trimmingCharacters(in: .whitespaces), let seconds = Int(text),
              (0...86_400).contains(seconds) else { return nil }
        return .seconds(seconds)
    }
}
