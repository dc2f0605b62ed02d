/// Why the emulator would not issue a token (``Emulator/issueToken(identity:resource:)``
/// and the token endpoints, which turn it into each endpoint's own error body).
///
/// ```swift
/// do {
///     _ = try emulator.issueToken(identity: "msi-func", resource: "api://nope")
/// } catch {
///     error.reason   // .unknownResource
/// }
/// ```
public struct TokenRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for a program to switch on.
    public enum Reason: String, Sendable, CaseIterable {
        /// No identity with that name, or none selected and no system-assigned identity.
        case unknownIdentity
        /// The resource names no configured app (App ID URI or client ID). A scope such as
        /// `api://aad-func/.default` is such a resource: clients must strip `/.default` first.
        case unknownResource
    }

    /// What was wrong.
    public var reason: Reason
    /// A short sentence for people.
    public var message: String

    /// An error with `reason` and `message`.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
