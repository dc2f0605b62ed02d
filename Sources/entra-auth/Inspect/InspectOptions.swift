import EntraAuthCore
import Foundation
import JOSE

/// The command line of `entra-auth inspect`, checked: where the token comes from, the moment to
/// judge it at, the output format, and — when asked — how to validate it.
///
/// ```swift
/// let options = try InspectOptions(["--jwks", "keys.json", "--issuer", iss, "--audience", "api://x", token])
/// options.validation?.policy.audiences   // ["api://x"]
/// ```
struct InspectOptions {
    /// Where validation gets its signing keys.
    enum Keys {
        /// OpenID Connect discovery from an authority, over the network.
        case authority(SigningKeySource, url: String)
        /// A JWK Set file, for one trusted issuer; no network.
        case jwks(JWKSet, path: String, issuer: String)
    }

    /// What `--authority`/`--jwks` asked for: keys and the policy the middleware would apply.
    struct Validation {
        var keys: Keys
        var policy: TokenValidationPolicy
    }

    /// The token given on the command line; `nil` means standard input.
    var token: String?
    /// `--at`: judge the token as of this moment instead of now.
    var at: Date?
    /// `--json`: one JSON object on stdout instead of the report for people.
    var json: Bool
    /// `--help`.
    var help: Bool
    /// `nil` when only decoding was asked.
    var validation: Validation?

    static let optionNames: Set<String> = ["authority", "jwks", "issuer", "audience", "at", "clock-skew", "algorithms"]
    static let repeatableNames: Set<String> = ["allowed-tenant"]

    /// Parses and checks the arguments after `inspect`.
    ///
    /// - Throws: ``UsageError`` for unknown or conflicting options, unreadable values, a missing
    ///   `--audience` or `--issuer`, or a JWK Set file that cannot be read or is refused.
    init(_ arguments: [String]) throws(UsageError) {
        let parsed = try ParsedArguments(arguments, options: Self.optionNames, flags: ["json", "help"],
                                         repeatable: Self.repeatableNames)
        help = parsed.has(flag: "help")
        json = parsed.has(flag: "json")
        guard parsed.positionals.count <= 1 else {
            throw UsageError("give at most one token (got \(parsed.positionals.count) arguments)")
        }
        token = parsed.positionals.first.flatMap { $0 == "-" ? nil : $0 }
        if let text = parsed.value(of: "at") {
            guard let date = InspectTime.parse(text) else {
                throw UsageError("--at \(text.debugDescription) is not a time: give ISO 8601 with a zone (2024-09-02T14:03:00Z) or Unix seconds")
            }
            at = date
        }
        validation = try Self.validation(parsed)
    }

    private static func validation(_ parsed: ParsedArguments) throws(UsageError) -> Validation? {
        let authority = parsed.value(of: "authority")
        let jwksPath = parsed.value(of: "jwks")
        guard authority != nil || jwksPath != nil else {
            for name in ["audience", "issuer", "clock-skew", "algorithms", "allowed-tenant"] where parsed.value(of: name) != nil {
                throw UsageError("--\(name) is a validation option: add --jwks FILE --issuer ISS, or --authority URL")
            }
            return nil
        }
        guard authority == nil || jwksPath == nil else { throw UsageError("give either --authority or --jwks, not both") }
        guard let audienceList = parsed.value(of: "audience") else { throw UsageError("validation needs --audience A[,B]") }
        let audiences = try list(audienceList, option: "audience")

        let keys: Keys
        let issuers: IssuerPolicy
        if let authority {
            guard parsed.value(of: "issuer") == nil else {
                throw UsageError("--issuer goes with --jwks; with --authority the issuer comes from discovery")
            }
            do {
                keys = .authority(try SigningKeySource.openIDConnect(authority: authority), url: authority)
            } catch {
                throw UsageError("--authority \(authority.debugDescription) is refused: \(error.message)")
            }
            issuers = IssuerPolicy()
        } else {
            guard let jwksPath else { return nil }
            guard let issuer = parsed.value(of: "issuer"), !issuer.isEmpty else {
                throw UsageError("--jwks needs --issuer ISS (the exact iss to trust)")
            }
            keys = .jwks(try KeyOptions.keySet(jwksPath), path: jwksPath, issuer: issuer)
            issuers = IssuerPolicy(trusted: [issuer], fromMetadata: false)
        }

        var policy = TokenValidationPolicy(audiences: audiences, issuers: issuers)
        if let skew = parsed.value(of: "clock-skew") {
            guard let seconds = Int(skew), (0...86_400).contains(seconds), skew.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw UsageError("--clock-skew \(skew.debugDescription) is not a whole number of seconds from 0 to 86400")
            }
            policy.clockSkew = .seconds(seconds)
        }
        if let algorithms = parsed.value(of: "algorithms") {
            policy.algorithms = try KeyOptions.algorithms(algorithms)
        }
        var tenants: [String] = []
        for value in parsed.values(of: "allowed-tenant") { tenants += try list(value, option: "allowed-tenant") }
        if !tenants.isEmpty { policy.allowedTenants = tenants }
        return Validation(keys: keys, policy: policy)
    }

    /// `A,B` as `["A", "B"]`; empty items are a usage error.
    private static func list(_ text: String, option: String) throws(UsageError) -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !items.contains(where: \.isEmpty) else { throw UsageError("--\(option) \(text.debugDescription) has an empty item") }
        return items
    }
}
