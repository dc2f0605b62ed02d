import Dispatch
import EntraAuthCore
import Foundation
import JOSE

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `entra-auth inspect [TOKEN] [--jwks FILE --issuer ISS | --authority URL] --audience A[,B] …`:
/// jwt.ms for the terminal. Decodes a token (always, without trusting it) and, when asked,
/// validates it with ``EntraTokenValidator`` — the middleware's own policy code — saying
/// exactly why it fails. Exit status 0 valid (or decoded, when no validation was asked),
/// 1 refused or undecodable, 2 on usage errors.
///
/// ```
/// entra-auth inspect "$TOKEN"
/// entra-auth inspect --jwks keys.json --issuer https://sts.windows.net/$TID/ --audience api://aad-func --at 2024-09-02T14:03:00Z < token.txt
/// entra-auth inspect --authority https://login.microsoftonline.com/$TID/v2.0 --audience api://aad-func --json "$TOKEN"
/// ```
enum InspectCommand: Subcommand {
    static let name = "inspect"
    static let summary = "decode a token and validate it as the middleware would, saying exactly why it fails"
    static let usage = """
        usage: entra-auth inspect [TOKEN] [--json] [--at TIME]
               entra-auth inspect [TOKEN] --jwks FILE --issuer ISS --audience A[,B] [validation options]
               entra-auth inspect [TOKEN] --authority URL --audience A[,B] [validation options]

        Decodes TOKEN (or the first line of standard input; `Bearer ` is ignored) and prints its
        header, its claims and what they say: app-only or delegated, v1 or v2, issuer shape and
        tenant, Microsoft Graph or not, roles, scopes, groups, app and object IDs, and issue,
        not-before and expiry times in UTC and relative to now. Without --jwks or --authority
        nothing is verified, and the output says NOT VERIFIED.
        With --jwks (offline: the keys in FILE, the one issuer ISS) or --authority (OpenID
        discovery over the network), the token is validated by the same code as the middleware
        (signature, header, audience, issuer, tenant, version, lifetime), and a refusal names
        its reason and exactly what failed.
        Exit status: 0 valid (or decoded when no validation was asked), 1 refused or
        undecodable, 2 on usage errors.

        options:
          --json                  one JSON object: valid (true, false or null when not
                                  validated), reason, message, header, claims, summary
          --at TIME               judge the token as of TIME: ISO 8601 with a zone
                                  (2024-09-02T14:03:00Z) or Unix seconds (default: now)
          --jwks FILE             validate offline with this JWK Set; needs --issuer
          --issuer ISS            the exact issuer to trust with --jwks
          --authority URL         validate with keys from OpenID discovery, e.g.
                                  https://login.microsoftonline.com/TENANT/v2.0
          --audience A[,B]        accepted audiences (App ID URI, client ID); required to validate
          --allowed-tenant ID     accept only these tenants (repeatable, or comma-separated)
          --clock-skew SECONDS    tolerance for exp, nbf and iat (default 300)
          --algorithms LIST       allowed algorithms (default RS256); supported:
                                  \(JWSAlgorithm.allCases.map(\.rawValue).joined(separator: ","))
          -h, --help              show this help
        """

    /// The longest token line read from standard input, in bytes (twice the validator's default limit).
    static let maximumInputByteCount = 64 * 1024

    /// The command itself.
    static func run(_ arguments: [String]) async -> ExitStatus {
        let options: InspectOptions
        do throws(UsageError) {
            options = try InspectOptions(arguments)
        } catch {
            return EntraAuthCLI.fail(error, usage: usage)
        }
        if options.help {
            print(usage)
            return .success
        }

        let token: String
        switch readToken(options.token) {
        case .token(let text): token = text
        case .usage(let error): return EntraAuthCLI.fail(error, usage: usage)
        case .unreadable(let error):
            return finish(InspectReport(decoded: .failure(error), verdict: options.validation == nil ? .notRequested : .refused(error),
                                        reference: options.at ?? Date(), referenceIsAt: options.at != nil, validation: nil), options)
        }

        let reference = options.at ?? Date()
        let decoded = Result { () throws(EntraAuthError) in try DecodedToken(token, maximumTokenByteCount: maximumInputByteCount) }
        var verdict = InspectReport.Verdict.notRequested
        var description: String?
        if let validation = options.validation {
            description = describe(validation)
            verdict = await validate(token, validation, at: reference)
        }
        return finish(InspectReport(decoded: decoded, verdict: verdict, reference: reference,
                                    referenceIsAt: options.at != nil, validation: description), options)
    }

    private static func finish(_ report: InspectReport, _ options: InspectOptions) -> ExitStatus {
        print(options.json ? report.json : report.humanReadable)
        return report.exitStatus
    }

    // MARK: Validation

    /// Validates with the middleware's validator: static keys, or one discovery refresh first.
    static func validate(_ token: String, _ validation: InspectOptions.Validation, at reference: Date) async -> InspectReport.Verdict {
        let provider: SigningKeyProvider
        switch validation.keys {
        case .jwks(let keys, _, let issuer):
            provider = SigningKeyProvider(source: .staticKeys(keys, issuer: issuer))
        case .authority(let source, let url):
            provider = SigningKeyProvider(source: source)
            do {
                _ = try await provider.refresh()
            } catch {
                return .refused(EntraAuthError(.signingKeysUnavailable, "could not load signing keys from \(url.debugDescription): \(error)"))
            }
        }
        let validator = EntraTokenValidator(policy: validation.policy, keys: provider, cache: .disabled, now: { reference })
        do {
            return .valid(try await validator.validate(token))
        } catch {
            return .refused(error)
        }
    }

    private static func describe(_ validation: InspectOptions.Validation) -> String {
        let audiences = validation.policy.audiences.map(InspectReport.quoted).joined(separator: ", ")
        switch validation.keys {
        case .jwks(let keys, let path, let issuer):
            return "JWK Set \(path.debugDescription) (\(keys.keys.count) key\(keys.keys.count == 1 ? "" : "s")), issuer \(InspectReport.quoted(issuer)), audience \(audiences)"
        case .authority(_, let url):
            return "authority \(url.debugDescription) (OpenID discovery), audience \(audiences)"
        }
    }

    // MARK: Input

    enum TokenInput {
        case token(String)
        case usage(UsageError)
        case unreadable(EntraAuthError)
    }

    /// The token from the command line, or the first non-blank line of standard input (bounded),
    /// with surrounding blanks and one `Bearer ` prefix removed. Bytes are not repaired: input
    /// that is not UTF-8 is refused.
    static func readToken(_ argument: String?) -> TokenInput {
        if let argument { return .token(trimmed(argument)) }
        guard isatty(0) == 0 else {
            return .usage(UsageError("no token: give TOKEN, or pipe it on standard input"))
        }
        var reader = BoundedLineReader(maximumLineByteCount: maximumInputByteCount)
        while let line = reader.nextLine() {
            switch line {
            case .tooLong(let byteCount):
                return .unreadable(EntraAuthError(.tokenTooLarge, "the token on standard input is \(byteCount) bytes; the limit is \(maximumInputByteCount)"))
            case .complete(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return .unreadable(EntraAuthError(.malformedToken, "standard input is not UTF-8 text"))
                }
                let token = trimmed(text)
                if !token.isEmpty { return .token(token) }
            }
        }
        return .usage(UsageError("no token: standard input was empty"))
    }

    /// Without ASCII blanks around it and without one leading `Bearer ` (case-insensitive).
    static func trimmed(_ text: String) -> String {
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        var bytes = Substring(text).utf8
        while let first = bytes.first, blanks.contains(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, blanks.contains(last) { bytes = bytes.dropLast() }
        let prefix = Array("bearer ".utf8)
        if bytes.count > prefix.count, zip(bytes, prefix).allSatisfy({ ($0 | 0x20) == $1 }) {
            bytes = bytes.dropFirst(prefix.count)
            while let first = bytes.first, blanks.contains(first) { bytes = bytes.dropFirst() }
        }
        return String(Substring(bytes))
    }
}
