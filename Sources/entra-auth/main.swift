// entra-auth: the EntraAuth command-line tool. Subcommands arrive with their issues.
import Foundation

FileHandle.standardError.write(Data("usage: entra-auth <command>\n".utf8))
exit(2)
