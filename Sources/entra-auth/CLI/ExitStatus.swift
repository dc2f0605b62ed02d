/// The process exit statuses every subcommand uses.
enum ExitStatus: Int32 {
    /// Everything succeeded (for `verify`: every token was valid).
    case success = 0
    /// The command ran, and at least one input failed (for `verify`: a token was invalid).
    case failure = 1
    /// The command line or the configuration it names is wrong; a usage message went to stderr.
    case usage = 2
}
