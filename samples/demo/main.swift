// demo: the managed-identity scenario in one process — the identity emulator and aad-func on
// loopback, msi-func's token requests in App Service mode, and each step checked:
//   1 msi-func (DoAll) → /api/claims 200, /api/admin 200   2 reader-func → /api/admin 403
//   3 no token → 401   4 Graph token → 401 graphToken   5 key rotation mid-run   6 expired → 401
// Exit status 0 when every step behaved as expected, 1 otherwise (the failed steps are named).
import Foundation

let console = DemoConsole()
console.say("EntraAuth demo: msi-func calls aad-func with managed-identity tokens from the local emulator")
let outcome = await DemoScenario(options: DemoOptions()).run(
    report: { console.step($0) },
    setup: { FileHandle.standardOutput.write(Data("  \($0)\n".utf8)) })
console.summary(outcome)
exit(outcome.passed ? 0 : 1)
