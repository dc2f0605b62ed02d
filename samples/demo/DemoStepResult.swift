/// One step of the scenario as it happened: what was expected, whether it was seen, and a short
/// account (status, roles, refusal reason) for the reader.
struct DemoStepResult: Sendable, Equatable {
    /// 1-based step number, as printed.
    var number: Int
    /// What the step does, e.g. "msi-func (holds DoAll) → GET /api/admin".
    var title: String
    /// Whether the observed behaviour was the expected one.
    var passed: Bool
    /// What was observed (and, when failed, what was expected instead).
    var detail: String
    /// Whether the step was not run (for example because an earlier step it needs failed).
    var skipped = false
}

/// The whole run: every step in order.
struct DemoOutcome: Sendable {
    /// The steps, in order.
    var steps: [DemoStepResult]
    /// True when every step behaved as expected.
    var passed: Bool { !steps.isEmpty && steps.allSatisfy(\.passed) }
    /// The steps that did not behave as expected.
    var failures: [DemoStepResult] { steps.filter { !$0.passed } }
}
