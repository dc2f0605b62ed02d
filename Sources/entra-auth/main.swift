// entra-auth: the EntraAuth command-line tool. `EntraAuthCLI` lists the subcommands.
import Foundation

// Top-level `await`: subcommands are async (the emulator serves, `token` fetches over HTTP).
let status = await EntraAuthCLI.run(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
