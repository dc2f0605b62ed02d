import Foundation

/// Dispatches `entra-auth <subcommand> …` and prints usage.
enum EntraAuthCLI {
    /// Every subcommand, in the order the usage lists them.
    static let subcommands: [any Subcommand.Type] = [VerifyCommand.self, InspectCommand.self, EmulatorCommand.self, TokenCommand.self]

    static var usage: String {
        let width = subcommands.map { $0.name.count }.max() ?? 0
        let lines = subcommands.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
        return """
            usage: entra-auth <command> [options]

            commands:
            \(lines.joined(separator: "\n"))

            Run `entra-auth <command> --help` for a command's options.
            """
    }

    /// Runs the tool with the arguments after the program name and returns the exit status.
    static func run(_ arguments: [String]) async -> ExitStatus {
        guard let name = arguments.first else {
            StandardError.write(usage)
            return .usage
        }
        if name == "--help" || name == "-h" || name == "help" {
            print(usage)
            return .success
        }
        guard let command = subcommands.first(where: { $0.name == name }) else {
            StandardError.write("entra-auth: unknown command \(name.debugDescription)\n\n\(usage)")
            return .usage
        }
        return await command.run(Array(arguments.dropFirst()))
    }

    /// Reports a usage error for `command` and returns ``ExitStatus/usage``.
    static func fail(_ error: UsageError, usage: String) -> ExitStatus {
        StandardError.write("entra-auth: \(error)\n\n\(usage)")
        return .usage
    }
}

/// Writes diagnostics to standard error (unbuffered, one call per message).
enum StandardError {
    static func write(_ message: String) {
        let text = message.hasSuffix("\n") ? message : message + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
