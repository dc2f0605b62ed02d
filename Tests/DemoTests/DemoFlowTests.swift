import Synchronization
import TestSupport
import Testing
@testable import demo

/// The demo's flow run in-process against its real servers on loopback, with fixed keys so no
/// RSA key is generated on the test thread pool.
@Suite("demo scenario")
struct DemoFlowTests {
    static func options() -> DemoOptions {
        var options = DemoOptions()
        options.signingKey = FixedTestKeys.rsa(0)
        options.rotationKey = { FixedTestKeys.rsa(1) }
        return options
    }

    @Test("every step of the scenario behaves as expected, and each is reported once, in order")
    func everyStepPasses() async {
        let reported = Mutex<[DemoStepResult]>([])
        let outcome = await DemoScenario(options: Self.options()).run(report: { step in reported.withLock { $0.append(step) } })
        #expect(outcome.passed, "failed: \(outcome.failures.map { "\($0.number) \($0.title): \($0.detail)" })")
        #expect(outcome.steps.map(\.number) == [1, 1, 2, 3, 4, 5, 5, 6])
        #expect(reported.withLock { $0 } == outcome.steps)
        #expect(outcome.steps[0].detail.contains("DoAll") && outcome.steps[0].detail.contains("5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e"))
        #expect(outcome.steps[2].detail.hasPrefix("403 insufficientAccess"))
        #expect(outcome.steps[4].detail.hasPrefix("401 graphToken"))
        #expect(outcome.steps[7].detail.hasPrefix("401 expired"))
    }

    @Test("an API that accepts another audience fails the token steps and says why")
    func wrongAudienceFails() async {
        var options = Self.options()
        options.audiences = ["api://some-other-api"]
        let outcome = await DemoScenario(options: options).run()
        #expect(!outcome.passed)
        let first = outcome.steps.first
        #expect(first?.number == 1 && first?.passed == false)
        #expect(first?.detail.contains("audienceNotAccepted") == true, "\(first?.detail ?? "no step")")
        // Steps that do not depend on the audience still pass: no token is still 401 missingToken.
        #expect(outcome.steps.first { $0.number == 3 }?.passed == true)
    }

    @Test("a colour console only on a terminal without NO_COLOR")
    func colourDecision() {
        #expect(DemoConsole(environment: [:], isTerminal: true).usesColour)
        #expect(!DemoConsole(environment: ["NO_COLOR": "1"], isTerminal: true).usesColour)
        #expect(!DemoConsole(environment: [:], isTerminal: false).usesColour)
        #expect(DemoConsole(environment: ["NO_COLOR": ""], isTerminal: true).usesColour)
    }
}
