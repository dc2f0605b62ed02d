public import Foundation

/// An access token from a managed identity, with its expiry and the time the client will
/// refresh it ahead of expiry. Printing it (``description``, `dump`, string interpolation)
/// never shows the token itself, only its length.
///
/// ```swift
/// let token = try await credential.token(for: "api://aad-func/.default")
/// request.headers.append(("Authorization", "Bearer \(token.token)"))
/// print(token)   // AccessToken(Bearer for api://aad-func, expires 2026-11-22T10:00:00Z, …, 1372 characters redacted)
/// ```
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The token to send as `Authorization: Bearer <token>`. Do not log it.
    public let token: String
    /// When the token stops being valid.
    public let expiresOn: Date
    /// When the client starts refreshing it ahead of expiry (half its lifetime for tokens that
    /// live two hours or more, as azure-identity does); `nil` for shorter-lived tokens, which are
    /// refreshed 5 minutes before ``expiresOn``.
    public let refreshOn: Date?
    /// The token type the endpoint reported (`Bearer` when it sent none).
    public let tokenType: String
    /// The resource the token is for (as requested).
    public let resource: String

    /// A token (for tests and custom sources).
    public init(token: String, expiresOn: Date, refreshOn: Date? = nil, tokenType: String = "Bearer", resource: String) {
        self.token = token
        self.expiresOn = expiresOn
        self.refreshOn = refreshOn
        self.tokenType = tokenType
        self.resource = resource
    }

    /// Type, resource and times; the token is replaced by its length.
    public var description: String {
        let format = Date.ISO8601FormatStyle()
        var text = "AccessToken(\(tokenType) for \(resource), expires \(expiresOn.formatted(format))"
        if let refreshOn { text += ", refresh from \(refreshOn.formatted(format))" }
        return text + ", \(token.utf8.count) characters redacted)"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the token, so `dump(token)` and debuggers do not print it.
    public var customMirror: Mirror {
        Mirror(self, children: ["tokenType": tokenType, "resource": resource, "expiresOn": expiresOn,
                                "refreshOn": refreshOn as Any, "token": "<\(token.utf8.count) characters redacted>"])
    }
}
