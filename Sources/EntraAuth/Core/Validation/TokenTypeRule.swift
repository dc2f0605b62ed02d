/// Which JOSE header `typ` values a profile accepts (compared ASCII case-insensitively, as media
/// types are).
///
/// Entra access tokens carry `typ: "JWT"` and do not follow RFC 9068, so requiring `at+jwt`
/// would refuse every Entra token; RFC 9068 issuers send `at+jwt`.
///
/// ```swift
/// policy.tokenTypes = .entra            // "JWT"
/// policy.tokenTypes = .rfc9068          // "at+jwt" / "application/at+jwt"
/// policy.tokenTypes = .accepting(["JWT", "at+jwt"], allowsMissing: false)
/// ```
public struct TokenTypeRule: Sendable, Hashable {
    /// The accepted `typ` values.
    public var accepted: [String]
    /// Whether a header without `typ` is accepted.
    public var allowsMissing: Bool

    /// A rule accepting exactly these values.
    public static func accepting(_ values: [String], allowsMissing: Bool) -> TokenTypeRule {
        TokenTypeRule(accepted: values, allowsMissing: allowsMissing)
    }

    /// Entra's profile: `JWT`, or no `typ` (some older Entra tokens omit it).
    public static let entra = TokenTypeRule(accepted: ["JWT"], allowsMissing: true)
    /// RFC 9068 access tokens: `at+jwt` or `application/at+jwt`, required.
    public static let rfc9068 = TokenTypeRule(accepted: ["at+jwt", "application/at+jwt"], allowsMissing: false)
    /// Any `typ`, or none.
    public static let any = TokenTypeRule(accepted: [], allowsMissing: true)

    /// Whether a header `typ` (nil when absent) is accepted.
    func accepts(_ type: String?) -> Bool {
        guard let type else { return allowsMissing }
        if self == .any { return true }
        return accepted.contains { asciiCaseInsensitiveEqual($0, type) }
    }
}

/// ASCII case-insensitive byte comparison (no Unicode folding, no normalisation).
func asciiCaseInsensitiveEqual(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    guard lhs.utf8.count == rhs.utf8.count else { return false }
    return zip(lhs.utf8, rhs.utf8).allSatisfy { a, b in
        let lowerA = (0x41...0x5A).contains(a) ? a | 0x20 : a
        let lowerB = (0x41...0x5A).contains(b) ? b | 0x20 : b
        return lowerA == lowerB
    }
}
