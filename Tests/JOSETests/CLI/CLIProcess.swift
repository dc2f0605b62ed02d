import Foundation

/// Runs the built `entra-auth` binary (a dependency of this test target) as a subprocess.
enum CLIProcess {
    /// What one run produced.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits next to the test bundle in the build products folder.
    static var executableURL: URL {
        get throws {
            var folder = Bundle.module.bundleURL.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("entra-auth")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile)
        }
    }

    /// Runs `entra-auth arguments…` with `stdin` as standard input and waits.
    ///
    /// Standard input comes from a temporary file rather than a pipe, so a child that exits
    /// before reading it all can neither block the test nor raise SIGPIPE in it.
    static func run(_ arguments: [String], stdin: String = "") throws -> Run {
        let inputURL = FileManager.default.temporaryDirectory.appendingPathComponent("entra-auth-stdin-\(UUID().uuidString)")
        try Data(stdin.utf8).write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let input = try FileHandle(forReadingFrom: inputURL)
        defer { try? input.close() }

        let process = Process()
        process.executableURL = try executableURL
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()   // stderr stays small
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }
}
