import Foundation

/// Reads a 200 token response from either endpoint.
///
/// - `access_token`: required, non-empty string.
/// - Lifetime: `expires_in` when present (IMDS sends it), else `expires_on` (App Service);
///   each as a JSON integer or an integer string of seconds. For `expires_on`, the two 2017
///   date formats (`1/16/2020 5:24:12 AM +00:00`, `06/20/2019 02:57:58 +00:00`) are accepted as
///   a fallback, as the reference recommends for App Service.
/// - `token_type`: defaults to `Bearer`. `resource` is not required (the sync SDK path does not
///   need it); the requested resource is recorded.
/// - `refreshOn`: issued + lifetime/2 when the lifetime is at least 2 hours (azure-identity's
///   `refresh_in = expires_in // 2` for lifetimes ≥ 7200 s), else `nil`.
///
/// Error messages never quote the body: a malformed body may still contain a token.
struct TokenResponseParser {
    let host: String
    let now: Date

    func parse(_ body: [UInt8], resource: String) throws(ManagedIdentityError) -> AccessToken {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw invalid("the 200 response is not a JSON object (\(body.count) bytes)")
        }
        guard let token = object["access_token"] as? String, !token.isEmpty else {
            throw invalid("the 200 response has no access_token")
        }
        let expiresOn: Date
        if let value = object["expires_in"] {
            guard let seconds = Self.integer(value), seconds > 0 else { throw invalid("expires_in is not a positive integer of seconds") }
            expiresOn = now.addingTimeInterval(TimeInterval(seconds))
        } else if let value = object["expires_on"] {
            if let seconds = Self.integer(value) {
                expiresOn = Date(timeIntervalSince1970: TimeInterval(seconds))
            } else if let text = value as? String, let date = Self.legacyDate(text) {
                expiresOn = date
            } else {
                throw invalid("expires_on is neither epoch seconds nor a known date format")
            }
        } else {
            throw invalid("the 200 response has neither expires_in nor expires_on")
        }
        guard expiresOn > now else { throw invalid("the token it returned has already expired") }
        let lifetime = expiresOn.timeIntervalSince(now)
        let refreshOn = lifetime >= 7200 ? now.addingTimeInterval((lifetime / 2).rounded(.down)) : nil
        let tokenType = (object["token_type"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "Bearer"
        return AccessToken(token: token, expiresOn: expiresOn, refreshOn: refreshOn, tokenType: tokenType, resource: resource)
    }

    private func invalid(_ what: String) -> ManagedIdentityError {
        ManagedIdentityError(.invalidResponse, "\(host) answered 200 but \(what)", statusCode: 200)
    }

    /// A JSON integer, or a string of ASCII digits (optionally signed), as Python's `int()` takes.
    static func integer(_ value: Any) -> Int64? {
        if let string = value as? String {
            return Int64(string.trimmingCharacters(in: .whitespaces))
        }
        if !(value is Bool), let number = value as? NSNumber {
            let double = number.doubleValue
            guard double.rounded() == double, abs(double) < 1e15 else { return nil }
            return number.int64Value
        }
        return nil
    }

    /// The 2017-09-01 `expires_on` date formats.
    static func legacyDate(_ text: String) -> Date? {
        for pattern in ["M/d/yyyy h:mm:ss a xxx", "MM/dd/yyyy HH:mm:ss xxx"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
