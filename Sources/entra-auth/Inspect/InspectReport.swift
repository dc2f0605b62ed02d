import EntraAuthCore
import Foundation
import JOSE

/// Everything `entra-auth inspect` found out about one token, written for people or as one JSON
/// object. Never contains the token itself: only its decoded header and claims.
///
/// ```swift
/// let report = InspectReport(decoded: .success(decoded), verdict: .notRequested, reference: Date(), referenceIsAt: false, validation: nil)
/// print(report.humanReadable)   // starts with "NOT VERIFIED"
/// ```
struct InspectReport {
    /// The outcome of validation.
    enum Verdict {
        /// Only decoding was asked.
        case notRequested
        /// ``EntraTokenValidator`` accepted the token.
        case valid(EntraIdentity)
        /// ``EntraTokenValidator`` refused the token (or its keys could not be loaded).
        case refused(EntraAuthError)
    }

    /// The decoded token, or why it could not be decoded.
    var decoded: Result<DecodedToken, EntraAuthError>
    var verdict: Verdict
    /// The moment times are judged against, and whether it came from `--at`.
    var reference: Date
    var referenceIsAt: Bool
    /// What validation used, for people: `JWK Set keys.json (1 key), issuer "…", audience "…"`.
    var validation: String?

    /// 0 when valid (or decoded with no validation asked), 1 when refused or undecodable.
    var exitStatus: ExitStatus {
        switch verdict {
        case .valid: .success
        case .refused: .failure
        case .notRequested: (try? decoded.get()) == nil ? .failure : .success
        }
    }

    /// `true`, `false`, or `null` when validation was not asked.
    private var valid: Bool? {
        switch verdict {
        case .valid: true
        case .refused: false
        case .notRequested: nil
        }
    }

    /// The refusal (or, without validation, the decoding failure), if any.
    private var error: EntraAuthError? {
        switch (verdict, decoded) {
        case (.refused(let error), _): error
        case (.notRequested, .failure(let error)): error
        default: nil
        }
    }

    private var referenceText: String {
        "\(InspectTime.iso8601(reference.timeIntervalSince1970)) (\(referenceIsAt ? "--at" : "now"))"
    }

    private static let notVerified = "NOT VERIFIED: decoded only; the signature, issuer, audience and lifetime were not checked (validate with --jwks FILE --issuer ISS --audience A, or --authority URL --audience A)"

    /// One sentence: the verdict.
    private var verdictLine: String {
        switch verdict {
        case .notRequested:
            if case .failure(let error) = decoded { return "UNDECODABLE (\(error.reason.rawValue)): \(error.message)" }
            return Self.notVerified
        case .valid(let identity):
            return "VALID as of \(referenceText): accepted (audience \(Self.quoted(identity.audience))) by the middleware's validation with \(validation ?? "the given keys")"
        case .refused(let error):
            return "REFUSED (\(error.reason.rawValue)) as of \(referenceText): \(error.message)"
        }
    }

    // MARK: For people

    /// The report for a terminal: verdict, summary, header, claims, verdict again.
    var humanReadable: String {
        var lines = [verdictLine, ""]
        if case .success(let token) = decoded {
            let summary = token.summary(asOf: reference)
            lines.append("Summary (times as of \(referenceText))")
            lines += Self.rows(summary).map { name, value in "  " + name.padding(toLength: 13, withPad: " ", startingAt: 0) + value }
            lines += ["", "Header", PrettyJSON.format(.object(token.header)), "", "Claims", PrettyJSON.format(.object(token.claims)), ""]
            lines.append(verdictLine)
        }
        return lines.joined(separator: "\n")
    }

    private static func rows(_ summary: TokenSummary) -> [(String, String)] {
        var rows: [(String, String)] = []
        rows.append(("caller", "\(summary.callerKind) (\(summary.callerKindBasis))"))
        let version = summary.version.map { "\($0)" } ?? "unknown"
        rows.append(("version", "\(version) (ver \(summary.versionClaim.map(JSONWriter.serialize) ?? "missing"))"))
        let tenant = summary.issuerTenant.map { ", tenant \(quoted($0))" } ?? ""
        rows.append(("issuer", "\(summary.issuer.map(quoted) ?? "(none)") — \(summary.issuerShape)\(tenant)"))
        let audience = summary.audiences.isEmpty ? "(none)" : summary.audiences.map(quoted).joined(separator: ", ")
        rows.append(("audience", audience + (summary.wellKnownAudience.map { " (\($0))" } ?? "")))
        rows.append(("Graph token", summary.graphExplanation.map { "YES: \($0)" } ?? "no"))
        rows.append(("client app", summary.clientAppID.map { "\(quoted($0)) (\(summary.clientAppIDClaim ?? "appid"))" } ?? "(none)"))
        rows.append(("object id", summary.objectID.map(quoted) ?? "(none)"))
        rows.append(("tenant", summary.tenantID.map(quoted) ?? "(none)"))
        rows.append(("roles", list(summary.roles)))
        rows.append(("scopes", list(summary.scopes)))
        rows.append(("groups", list(summary.groups)))
        rows.append(("xms_mirid", summary.managedIdentityResourceID.map(quoted) ?? "(none)"))
        rows.append(("issued", time(summary.issuedAt, summary) { InspectTime.relative($0) }))
        rows.append(("not before", time(summary.notBefore, summary) { InspectTime.relative($0) }))
        rows.append(("expires", time(summary.expiresAt, summary) { $0 > 0 ? "expires in \(InspectTime.distance($0))" : "expired \(InspectTime.distance($0)) ago" }))
        if let issued = summary.issuedAt, let expires = summary.expiresAt {
            rows.append(("lifetime", expires >= issued ? InspectTime.distance(expires - issued) : "negative (exp before iat)"))
        }
        return rows
    }

    private static func time(_ seconds: Double?, _ summary: TokenSummary, _ phrase: (Double) -> String) -> String {
        guard let seconds else { return "(none, or not a number)" }
        return "\(InspectTime.iso8601(seconds)) (\(phrase(seconds - summary.reference.timeIntervalSince1970)))"
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "(none)" : items.map(quoted).joined(separator: ", ")
    }

    /// A claim value for a terminal: a JSON string (control characters escaped), with format
    /// characters such as bidirectional overrides escaped too, so a claim cannot rewrite the screen.
    static func quoted(_ value: String) -> String {
        var out = ""
        for scalar in JSONWriter.serialize(.string(value)).unicodeScalars {
            if scalar.properties.generalCategory == .format || (0x80...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: For scripts

    /// One JSON object: `valid`, `reason`, `message`, `header`, `claims`, `summary`.
    var json: String {
        var members: [JSONObject.Member] = []
        func add(_ name: String, _ value: JSONValue) { members.append(.init(name: name, value: value)) }
        add("valid", valid.map(JSONValue.bool) ?? .null)
        add("reason", error.map { .string($0.reason.rawValue) } ?? .null)
        add("message", .string(error?.message ?? verdictLine))
        switch decoded {
        case .success(let token):
            add("header", .object(token.header))
            add("claims", .object(token.claims))
            add("summary", .object(Self.summaryObject(token.summary(asOf: reference), referenceIsAt: referenceIsAt)))
        case .failure:
            add("header", .null)
            add("claims", .null)
            add("summary", .null)
        }
        return JSONWriter.serialize(.object(JSONObject(members)))
    }

    private static func summaryObject(_ summary: TokenSummary, referenceIsAt: Bool) -> JSONObject {
        var members: [JSONObject.Member] = []
        func add(_ name: String, _ value: JSONValue) { members.append(.init(name: name, value: value)) }
        func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        let now = summary.reference.timeIntervalSince1970
        func time(_ seconds: Double?) -> JSONValue {
            guard let seconds else { return .null }
            return .object(JSONObject([
                .init(name: "unix", value: .number(JSONNumber(Int64(seconds.rounded(.down))))),
                .init(name: "utc", value: .string(InspectTime.iso8601(seconds))),
                .init(name: "relative", value: .string(InspectTime.relative(seconds - now))),
            ]))
        }
        add("asOf", .string(InspectTime.iso8601(now)))
        add("asOfSource", .string(referenceIsAt ? "at" : "now"))
        add("callerKind", .string(summary.callerKind))
        add("callerKindBasis", .string(summary.callerKindBasis))
        add("version", summary.version.map { .string($0.rawValue) } ?? .null)
        add("issuer", string(summary.issuer))
        add("issuerShape", .string(summary.issuerShape))
        add("issuerTenant", string(summary.issuerTenant))
        add("audiences", strings(summary.audiences))
        add("wellKnownAudience", string(summary.wellKnownAudience))
        add("graphToken", .bool(summary.isGraphToken))
        add("graphExplanation", string(summary.graphExplanation))
        add("roles", strings(summary.roles))
        add("scopes", strings(summary.scopes))
        add("groups", strings(summary.groups))
        add("clientAppID", string(summary.clientAppID))
        add("clientAppIDClaim", string(summary.clientAppIDClaim))
        add("objectID", string(summary.objectID))
        add("tenantID", string(summary.tenantID))
        add("xms_mirid", string(summary.managedIdentityResourceID))
        add("issuedAt", time(summary.issuedAt))
        add("notBefore", time(summary.notBefore))
        add("expiresAt", time(summary.expiresAt))
        add("expired", summary.expiresAt.map { .bool(now >= $0) } ?? .null)
        return JSONObject(members)
    }
}
