/// Why a configuration was refused, with where (1-based line and column of the offending value
/// or member name, when it came from a file).
///
/// ```swift
/// do {
///     _ = try EmulatorConfiguration(parsing: bytes)
/// } catch {
///     print("emulator.json:\(error)")   // emulator.json:12:9: unknownMember: identities[1].clientID: unknown member …
///     error.reason                      // .unknownMember
/// }
/// ```
public struct EmulatorConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for a program to switch on. The raw value is the case name.
    public enum Reason: String, Sendable, CaseIterable {
        /// The file could not be read.
        case unreadable
        /// Not strict JSON (see `JSONReader`): syntax, duplicate member, bad UTF-8, …
        case invalidJSON
        /// A member the format does not define (typos are errors, not ignored).
        case unknownMember
        /// A required member is absent.
        case missingMember
        /// A member has the wrong JSON type.
        case wrongType
        /// A value is malformed (not a GUID, an empty name, a lifetime out of range, …).
        case invalidValue
        /// A name or ID is used twice (two identities with one client ID, two system-assigned identities, …).
        case duplicate
        /// A reference to an identity, app or role that is not defined.
        case unknownReference
        /// An assigned role's `allowedMemberTypes` lacks `Application`, so no managed identity can hold it.
        case roleNotAssignableToApplications
        /// A signing key file is not a usable RSA private JWK.
        case invalidSigningKey
    }

    /// What was wrong.
    public var reason: Reason
    /// A short sentence naming the JSON path (`identities[1].clientId`) and the problem.
    public var message: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (in Unicode scalars), when known.
    public var column: Int?

    /// An error with an optional position.
    public init(_ reason: Reason, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.message = message
        self.line = line
        self.column = column
    }

    /// `line:column: reason: message`, or `reason: message` without a position.
    public var description: String {
        if let line, let column { return "\(line):\(column): \(reason.rawValue): \(message)" }
        return "\(reason.rawValue): \(message)"
    }
}
