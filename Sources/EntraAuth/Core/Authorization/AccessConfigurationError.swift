/// Access configuration (a requirement in JSON, a rules file) that could not be read: where and why.
///
/// ```swift
/// do { _ = try AccessRequirement(json: value) } catch { print(error) }   // requirement.anyRole: must be a non-empty array of strings
/// ```
public struct AccessConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Where: a path such as `rules[2].require.anyRole[0]`, or `line 3, column 7` for JSON syntax.
    public var path: String
    /// What is wrong there.
    public var message: String

    /// An error at `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
