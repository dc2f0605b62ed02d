import Foundation
import OutboundHTTP

/// The demo's view of one answer from aad-func: the status, the JSON body when there is one,
/// and the problem `reason` for refusals.
struct DemoAnswer: Sendable {
    /// HTTP status.
    var status: Int
    /// The raw body text.
    var body: String
    /// The body parsed as a JSON object, when it is one.
    var json: [String: any Sendable]?

    /// `reason` of an `application/problem+json` refusal.
    var reason: String? { json?["reason"] as? String }
    /// `detail` of a refusal.
    var problemDetail: String? { json?["detail"] as? String }
    /// The `roles` claim of a claims answer.
    var roles: [String] { json?["roles"] as? [String] ?? [] }
    /// The `appid` claim of a claims answer.
    var appID: String? { json?["appid"] as? String }

    /// `401 missingToken: this route needs …` or `200`.
    var summary: String {
        guard let reason else { return "\(status)" }
        return "\(status) \(reason): \(problemDetail ?? "")"
    }
}

/// GETs on loopback for the demo.
struct DemoHTTP: Sendable {
    let fetcher = URLSessionFetcher()

    /// `GET url`, with `Authorization: Bearer token` when a token is given.
    func get(_ url: String, token: String? = nil) async throws -> DemoAnswer {
        try await send(url, method: "GET", headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    private func send(_ url: String, method: String, headers: [(name: String, value: String)]) async throws -> DemoAnswer {
        guard let target = URL(string: url) else { throw FetchError(.transport, "not a URL: \(url)") }
        let response = try await fetcher.fetch(OutboundRequest(url: target, method: method, headers: headers + [("Accept", "application/json")]))
        let text = String(decoding: response.body, as: UTF8.self)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        return DemoAnswer(status: response.status, body: text, json: object.map(Self.sendable))
    }

    /// JSONSerialization's values are plain strings, numbers, arrays and dictionaries.
    private static func sendable(_ object: [String: Any]) -> [String: any Sendable] {
        object.compactMapValues { value -> (any Sendable)? in
            switch value {
            case let text as String: text
            case let array as [Any]: array.compactMap { $0 as? String }
            case let number as NSNumber: number.doubleValue
            default: nil
            }
        }
    }
}
