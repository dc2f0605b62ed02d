/// One `entra-auth <name> …` subcommand. Later issues add `emulator`, `inspect` and `token` by
/// writing a type like ``VerifyCommand`` and listing it in ``EntraAuthCLI/subcommands``.
protocol Subcommand: Sendable {
    /// The word that selects the subcommand (`verify`).
    static var name: String { get }
    /// One line for the top-level usage list.
    static var summary: String { get }
    /// The full usage text shown for `--help` and on usage errors.
    static var usage: String { get }
    /// Runs with the arguments after the subcommand name. Async, so a subcommand can serve or
    /// fetch over the network (`emulator`, `token`) without blocking a thread on it.
    static func run(_ arguments: [String]) async -> ExitStatus
}
