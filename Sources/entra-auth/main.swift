// entra-auth: the EntraAuth command-line tool. `EntraAuthCLI` lists the subcommands.
import Foundation

exit(EntraAuthCLI.run(Array(CommandLine.arguments.dropFirst())).rawValue)
