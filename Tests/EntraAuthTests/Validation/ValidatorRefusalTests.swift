import EntraAuthCore
import Foundation
import JOSE
import Testing

/// One bad token per refusal reason: each is refused with exactly that reason, the right
/// status and RFC 6750 code, and a message that says what failed without echoing the token.
@Suite("Validator refusals")
struct ValidatorRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let reason: EntraAuthError.Reason
        let messageContains: String
        let token: @Sendable () -> String
        var policy: @Sendable (inout TokenValidationPolicy) -> Void = { _ in }
        var keys: @Sendable () -> any SigningKeyResolving = { StaticKeys(TestTokens.keySet(), issuer: TestTokens.issuerV2) }
        var testDescription: String { name }
    }

    static let graphHeader: [(String, JSONValue)] = [
        ("typ", .string("JWT")), ("nonce", .string("abc")), ("alg", .string("RS256")), ("kid", .string(TestTokens.keyID))]

    static func header(_ extra: [(String, JSONValue)], alg: String = "RS256") -> [(String, JSONValue)] {
        [("typ", .string("JWT")), ("alg", .string(alg)), ("kid", .string(TestTokens.keyID))] + extra
    }

    static let cases: [Case] = [
        Case(name: "64 KiB token", reason: .tokenTooLarge, messageContains: "limit is 32768",
             token: { TestTokens.token(["pad": .string(String(repeating: "x", count: 48_000))]) }),
        Case(name: "two parts", reason: .malformedToken, messageContains: "not a well-formed JWS", token: { "eyJhbGciOiJSUzI1NiJ9.e30" }),
        Case(name: "bad base64url", reason: .malformedToken, messageContains: "not a well-formed JWS", token: { "eyJ!.e30.c2ln" }),
        Case(name: "five-part JWE", reason: .encryptedToken, messageContains: "JWE", token: { "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d" }),
        Case(name: "alg none", reason: .algorithmNotAllowed, messageContains: "allowed: RS256",
             token: { Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(JSONWriter.serializedBytes(.object(TestTokens.claims()))) + "." }),
        Case(name: "HS256 with the public key as secret", reason: .algorithmNotAllowed, messageContains: "HS256",
             token: { TestTokens.sign(TestTokens.claims(), header: header([], alg: "HS256")) }),
        Case(name: "typ at+jwt under the Entra profile", reason: .tokenTypeNotAccepted, messageContains: "at+jwt",
             token: { TestTokens.sign(TestTokens.claims(), header: [("typ", .string("at+jwt")), ("alg", .string("RS256")), ("kid", .string(TestTokens.keyID))]) }),
        Case(name: "jku in the header", reason: .forbiddenHeader, messageContains: "jku",
             token: { TestTokens.sign(TestTokens.claims(), header: header([("jku", .string("https://evil.example/keys"))])) }),
        Case(name: "crit in the header", reason: .forbiddenHeader, messageContains: "crit",
             token: { TestTokens.sign(TestTokens.claims(), header: header([("crit", .array([.string("exp")]))])) }),
        Case(name: "Graph token (header nonce)", reason: .graphToken, messageContains: "Microsoft Graph",
             token: { TestTokens.sign(TestTokens.claims(["aud": .string("https://graph.microsoft.com")]), header: graphHeader) }),
        Case(name: "validly signed token for Graph's audience", reason: .graphToken, messageContains: "Microsoft Graph",
             token: { TestTokens.token(["aud": .string("00000003-0000-0000-c000-000000000000")]) }),
        Case(name: "kid not published", reason: .unknownSigningKey, messageContains: "not published",
             token: { TestTokens.sign(TestTokens.claims(), header: [("typ", .string("JWT")), ("alg", .string("RS256")), ("kid", .string("rotated-away"))]) }),
        Case(name: "signed by another key", reason: .invalidSignature, messageContains: "does not verify",
             token: { TestTokens.sign(TestTokens.claims(), key: TestTokens.otherKey) }),
        Case(name: "payload swapped after signing", reason: .invalidSignature, messageContains: "does not verify",
             token: {
                 let parts = TestTokens.token().split(separator: ".")
                 let forged = Base64URL.encode(JSONWriter.serializedBytes(.object(TestTokens.claims(["roles": .array([.string("Admin")])]))))
                 return "\(parts[0]).\(forged).\(parts[2])"
             }),
        Case(name: "expired an hour ago", reason: .expired, messageContains: "expired at 2025-12-31T23:00:00Z",
             token: { TestTokens.token(["exp": .number(JSONNumber(Int64(TestTokens.now) - 3600))]) }),
        Case(name: "no exp", reason: .expired, messageContains: "no \"exp\"", token: { TestTokens.token(["exp": nil]) }),
        Case(name: "exp is a string", reason: .invalidClaim, messageContains: "not a number", token: { TestTokens.token(["exp": .string("soon")]) }),
        Case(name: "nbf in an hour", reason: .notYetValid, messageContains: "not valid before",
             token: { TestTokens.token(["nbf": .number(JSONNumber(Int64(TestTokens.now) + 3600))]) }),
        Case(name: "iat in an hour", reason: .invalidIssuedAt, messageContains: "in the future",
             token: { TestTokens.token(["iat": .number(JSONNumber(Int64(TestTokens.now) + 3600))]) }),
        Case(name: "iat older than the maximum age", reason: .invalidIssuedAt, messageContains: "ago",
             token: { TestTokens.token() }, policy: { $0.maximumTokenAge = .seconds(60) }),
        Case(name: "issuer of another tenant", reason: .issuerNotTrusted, messageContains: "is not trusted",
             token: { TestTokens.token(["iss": .string("https://sts.windows.net/00000000-0000-0000-0000-000000000001/"), "tid": .string("00000000-0000-0000-0000-000000000001")]) }),
        Case(name: "no iss", reason: .issuerNotTrusted, messageContains: "no \"iss\"", token: { TestTokens.token(["iss": nil]) }),
        Case(name: "tid disagrees with the issuer", reason: .invalidTenant, messageContains: "does not match its issuer",
             token: { TestTokens.token(["tid": .string("00000000-0000-0000-0000-000000000001")]) }),
        Case(name: "multi-tenant template with a non-GUID tid", reason: .invalidTenant, messageContains: "not a tenant GUID",
             token: { TestTokens.token(["iss": .string("https://login.microsoftonline.com/evil/v2.0"), "tid": .string("evil"), "ver": .string("2.0")]) },
             keys: { StaticKeys(TestTokens.keySet(), issuer: "https://login.microsoftonline.com/{tenantid}/v2.0") }),
        Case(name: "tenant not on the allowed list", reason: .tenantNotAllowed, messageContains: "is not allowed",
             token: { TestTokens.token() }, policy: { $0.allowedTenants = ["00000000-0000-0000-0000-000000000009"] }),
        Case(name: "signing key's issuer is another tenant", reason: .signingKeyIssuerMismatch, messageContains: "signing key's issuer",
             token: { TestTokens.token() },
             keys: { StaticKeys(TestTokens.keySet([TestTokens.jwk(extra: [.init(name: "issuer", value: .string("https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0"))])]), issuer: TestTokens.issuerV2) }),
        Case(name: "audience of another API", reason: .audienceNotAccepted, messageContains: "\"api://other\" is not accepted here",
             token: { TestTokens.token(["aud": .string("api://other")]) }),
        Case(name: "no aud", reason: .audienceNotAccepted, messageContains: "no \"aud\"", token: { TestTokens.token(["aud": nil]) }),
        Case(name: "aud is a number", reason: .invalidClaim, messageContains: "\"aud\"", token: { TestTokens.token(["aud": .number(JSONNumber(5))]) }),
        Case(name: "ver 3.0", reason: .tokenVersionNotAccepted, messageContains: "\"3.0\"", token: { TestTokens.token(["ver": .string("3.0")]) }),
        Case(name: "v1 token where only v2 is accepted", reason: .tokenVersionNotAccepted, messageContains: "v1.0 tokens are not accepted",
             token: { TestTokens.token() }, policy: { $0.acceptedVersions = [.v2] }),
        Case(name: "required claim missing", reason: .missingRequiredClaim, messageContains: "\"azpacr\"",
             token: { TestTokens.token() }, policy: { $0.requiredClaims = ["azpacr"] }),
        Case(name: "roles is not a string list", reason: .invalidClaim, messageContains: "\"roles\"",
             token: { TestTokens.token(["roles": .array([.number(JSONNumber(1))])]) }),
        Case(name: "keys never loaded", reason: .signingKeysUnavailable, messageContains: "not been loaded",
             token: { TestTokens.token() }, keys: { StaticKeys(nil) }),
    ]

    @Test("each bad token is refused with its reason", arguments: cases)
    func refused(_ testCase: Case) async throws {
        var policy = TokenValidationPolicy(audiences: [TestTokens.audience])
        testCase.policy(&policy)
        let validator = TestTokens.validator(keys: testCase.keys(), policy: policy)
        let token = testCase.token()
        let error = await refusal { () throws(EntraAuthError) in try await validator.validate(token) }
        #expect(error?.reason == testCase.reason, "\(String(describing: error))")
        #expect(error?.message.contains(testCase.messageContains) == true, "\(error?.message ?? "accepted")")
        #expect(error?.message.contains(token.prefix(40)) == false, "the message must not echo the token")
        #expect(error?.status == (testCase.reason == .signingKeysUnavailable ? 503 : 401))
        #expect(error?.bearerErrorCode == (testCase.reason == .signingKeysUnavailable ? nil : "invalid_token"))
        #expect(validator.metrics.refusedCount(testCase.reason) == 1)
    }

    @Test("every token-level reason has a case above (request-level and 403 reasons are tested elsewhere)")
    func coverage() {
        let requestLevel: Set<EntraAuthError.Reason> = [.malformedAuthorizationHeader, .multipleTokens, .tokenInDisallowedLocation, .missingToken, .insufficientAccess]
        let covered = Set(Self.cases.map(\.reason))
        #expect(Set(EntraAuthError.Reason.allCases).subtracting(requestLevel) == covered)
    }

    @Test("a good token is accepted with the typed identity")
    func accepted() async throws {
        let validator = TestTokens.validator()
        let identity = try await validator.validate(TestTokens.token())
        #expect(identity.roles == ["DoAll"])
        #expect(identity.clientAppID == TestTokens.clientAppID)
        #expect(identity.objectID == TestTokens.objectID)
        #expect(identity.tenantID == TestTokens.tenantID)
        #expect(identity.version == .v1)
        #expect(identity.isAppOnly)
        #expect(identity.signingKeyID == TestTokens.keyID)
        #expect(identity.audience == TestTokens.audience)
        #expect(validator.metrics.acceptedCount == 1)
    }

    @Test("clock skew: five minutes either side by default, zero when configured")
    func clockSkew() async throws {
        let justExpired = TestTokens.token(["exp": .number(JSONNumber(Int64(TestTokens.now) - 120))])
        _ = try await TestTokens.validator().validate(justExpired)
        var strict = TokenValidationPolicy(audiences: [TestTokens.audience])
        strict.clockSkew = .zero
        let error = await refusal { () throws(EntraAuthError) in try await TestTokens.validator(policy: strict).validate(justExpired) }
        #expect(error?.reason == .expired)
    }

    @Test("multi-tenant template: tid substituted, allowed tenants applied")
    func multiTenant() async throws {
        let other = "11111111-2222-3333-4444-555555555555"
        let token = TestTokens.token(["iss": .string("https://login.microsoftonline.com/\(other)/v2.0"), "tid": .string(other), "ver": .string("2.0")])
        let keys = StaticKeys(TestTokens.keySet(), issuer: "https://login.microsoftonline.com/{tenantid}/v2.0")
        _ = try await TestTokens.validator(keys: keys).validate(token)
        var policy = TokenValidationPolicy(audiences: [TestTokens.audience])
        policy.allowedTenants = [TestTokens.tenantID]
        let error = await refusal { () throws(EntraAuthError) in try await TestTokens.validator(keys: keys, policy: policy).validate(token) }
        #expect(error?.reason == .tenantNotAllowed)
    }

    @Test("a templated per-key issuer is honoured after tid substitution")
    func templatedKeyIssuer() async throws {
        let key = TestTokens.jwk(extra: [.init(name: "issuer", value: .string("https://login.microsoftonline.com/{tenantid}/v2.0"))])
        _ = try await TestTokens.validator(keys: StaticKeys(TestTokens.keySet([key]), issuer: TestTokens.issuerV2)).validate(TestTokens.token())
    }

    @Test("an unknown kid refreshes once and the same request is answered from the new keys")
    func unknownKidRefresh() async throws {
        let keys = StaticKeys(TestTokens.keySet([TestTokens.jwk(TestTokens.otherKey, keyID: "old")]), issuer: TestTokens.issuerV2)
        keys.publishOnRefresh(TestTokens.keySet(), issuer: TestTokens.issuerV2, version: 2)
        let identity = try await TestTokens.validator(keys: keys).validate(TestTokens.token())
        #expect(identity.roles == ["DoAll"])
        #expect(keys.refreshCount == 1)
    }

    @Test("issuer look-alikes (canonically equivalent, case, trailing slash) are refused")
    func issuerLookAlikes() async throws {
        for issuer in ["https://sts.windows.net/72F988BF-86F1-41AF-91AB-2D7CD011DB47/", "https://sts.windows.net/\(TestTokens.tenantID)",
                       "https://sts.windows.net/\(TestTokens.tenantID)//", "https://sts.windows.net\u{0301}/\(TestTokens.tenantID)/"] {
            let error = await refusal { () throws(EntraAuthError) in try await TestTokens.validator().validate(TestTokens.token(["iss": .string(issuer)])) }
            #expect(error?.reason == .issuerNotTrusted || error?.reason == .invalidTenant, "\(issuer)")
        }
    }

    @Test("an audience array is accepted when one value matches")
    func audienceArray() async throws {
        let identity = try await TestTokens.validator().validate(TestTokens.token(["aud": .array([.string("api://other"), .string("api://aad-func/")])]))
        #expect(identity.audience == "api://aad-func")
    }
}
