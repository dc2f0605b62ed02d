import Foundation

/// Prints the demo's lines: green ✓ / red ✗ marks and dim details when standard output is a
/// terminal and `NO_COLOR` is unset (https://no-color.org), plain text otherwise (piped, CI).
struct DemoConsole: Sendable {
    /// Whether ANSI colour codes are written.
    let usesColour: Bool

    /// A console deciding colour from `environment` and whether stdout is a TTY.
    init(environment: [String: String] = ProcessInfo.processInfo.environment, isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        usesColour = isTerminal && !noColour && environment["TERM"] != "dumb"
    }

    /// A plain line (headings, setup).
    func say(_ text: String) { write(paint(text, "1")) }

    /// One step: `✓ 1 title — detail` (or `✗`, or `- … skipped`).
    func step(_ result: DemoStepResult) {
        let mark = result.skipped ? paint("-", "33") : result.passed ? paint("✓", "32") : paint("✗", "31")
        write("\(mark) \(result.number) \(result.title)\n    \(paint(result.detail, "2"))")
    }

    /// The closing line.
    func summary(_ outcome: DemoOutcome) {
        if outcome.passed {
            write(paint("All \(outcome.steps.count) checks behaved as expected.", "32"))
        } else {
            var numbers: [String] = []
            for failure in outcome.failures where !numbers.contains(String(failure.number)) { numbers.append(String(failure.number)) }
            write(paint("Failed step\(outcome.failures.count == 1 ? "" : "s"): \(numbers).", "31"))
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        usesColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
