// libFuzzer target: the operators' rules file (AccessRules(parsing:checkedAgainst:)) and the
// requirement grammar under it (AccessRequirement(json:)).
//
// Input: the document. Not part of the SwiftPM package.
//
// Properties: no crash, no hang; the same verdict twice; a document accepted when checked against
// aad-func's routes is accepted unchecked too, with the same rules; every accepted rule whose
// pattern is a literal path applies to that path (less the one trailing `/` patterns ignore); every accepted requirement evaluates against a
// fixed identity and describes itself; a JSON value that AccessRequirement accepts as a rule's
// `require` also loads inside a one-rule document for a literal route.

import Foundation
import HTTPServer
@testable import EntraAuth
@testable import EntraAuthCore
@testable import JOSE

private let router: Router<BasicRequestContext> = {
    var router = Router(context: BasicRequestContext.self)
    router.get("/healthz") { _, _ in .text("ok") }
    router.get("/api/claims") { _, _ in .text("claims") }
    router.get("/api/admin") { _, _ in .text("admin") }
    router.get("/api/items/:id") { _, _ in .text("item") }
    router.post("/api/items") { _, _ in .text("created") }
    router.get("/api/reports/**") { _, _ in .text("report") }
    return router
}()

private let identity = EntraIdentity(
    claims: JSONObject([
        JSONObject.Member(name: "roles", value: .array([.string("DoAll")])),
        JSONObject.Member(name: "scp", value: .string("Reports.Read user_impersonation")),
        JSONObject.Member(name: "appid", value: .string("0a1b2c3d-1111-2222-3333-444455556666")),
        JSONObject.Member(name: "oid", value: .string("9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff")),
        JSONObject.Member(name: "tid", value: .string("72f988bf-86f1-41af-91ab-2d7cd011db47")),
        JSONObject.Member(name: "groups", value: .array([.string("4e2a6c8e-5f7b-4d9a-8c1e-2b4d6f8a0c3e")])),
    ]),
    issuer: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", audience: "api://aad-func",
    expiresAt: Date(timeIntervalSince1970: 1_767_229_200), signingKeyID: nil)

private func load(_ bytes: [UInt8], checked: Bool) -> Result<AccessRules, AccessConfigurationError> {
    Result { () throws(AccessConfigurationError) in try AccessRules(parsing: bytes, checkedAgainst: checked ? router : nil) }
}

private func summary(_ rules: AccessRules) -> [String] {
    rules.rules.map { "\($0.method?.rawValue ?? "*") \($0.pattern) \($0.requirement)" }
}

/// Entry point, called by EntraFuzzMain.swift for the `access-rules` target.
func fuzzAccessRules(_ bytes: UnsafeRawBufferPointer) {
    let document = Array(bytes)
    let checked = load(document, checked: true)
    let unchecked = load(document, checked: false)
    switch (checked, load(document, checked: true)) {
    case (.success(let a), .success(let b)) where summary(a) == summary(b): break
    case (.failure(let a), .failure(let b)) where a.description == b.description: break
    default: fatalError("two loads differ: \(checked) vs second load")
    }
    if case .success(let rules) = checked {
        guard case .success(let other) = unchecked, summary(other) == summary(rules) else {
            fatalError("accepted against the router but not on its own: \(unchecked)")
        }
    }
    if case .success(let rules) = unchecked {
        for rule in rules.rules {
            _ = rule.requirement.isSatisfied(by: identity)
            guard !rule.requirement.description.isEmpty else { fatalError("a requirement without a description") }
            // A pattern's one trailing `/` is ignored, as in the router (`/a/` is `/a`; a request
            // for `/a/` matches neither the route nor the rule), so the path it covers is without it.
            let literal = rule.pattern.hasPrefix("/") && !rule.pattern.contains(":") && !rule.pattern.contains("*")
            let path = rule.pattern.count > 1 && rule.pattern.hasSuffix("/") ? String(rule.pattern.dropLast()) : rule.pattern
            if literal, rules.requirement(for: rule.method ?? .get, path: path) == nil {
                fatalError("rule \(rule.method?.rawValue ?? "*") \(rule.pattern) does not apply to its own path")
            }
        }
    }
    // The requirement grammar on its own, then inside a document.
    guard let value = try? JSONReader.parse(document) else { return }
    let requirement = Result { () throws(AccessConfigurationError) in try AccessRequirement(json: value) }
    if case .success(let parsed) = requirement {
        _ = parsed.isSatisfied(by: identity)
        let wrapped = JSONWriter.serializedBytes(.object(JSONObject([JSONObject.Member(name: "rules", value: .array([
            .object(JSONObject([JSONObject.Member(name: "path", value: .string("/api/admin")), JSONObject.Member(name: "require", value: value)])),
        ]))])))
        guard case .success = load(wrapped, checked: true) else { fatalError("requirement accepted alone but not in a rules document") }
    }
}
