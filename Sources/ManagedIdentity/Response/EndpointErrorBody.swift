import Foundation

/// The error text an endpoint sent, from whichever shape it used:
///
/// - App Service: `{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"…"}`
///   (plus an `X-CORRELATION-ID` header);
/// - IMDS: `{"error":"invalid_request","error_description":"Identity not found"}`;
/// - the unversioned IMDS form `{"error":"Bad request. api-version was not specified …"}`;
/// - plain text (the Azure ML flavour answers `Invalid secret token header: .`).
///
/// Text is cut to 300 characters and control characters are removed, so a hostile body cannot
/// flood or forge log lines.
struct EndpointErrorBody: Sendable {
    /// `message`, or `error: error_description`, or the plain-text body.
    var text: String?
    /// The machine code (`error` for IMDS), if any.
    var code: String?
    /// `correlationId` from the body or the `X-CORRELATION-ID` header.
    var correlationID: String?

    static let maximumTextLength = 300

    init(body: [UInt8], correlationHeader: String?) {
        correlationID = correlationHeader.map(Self.clean)
        guard !body.isEmpty else { return }
        if let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] {
            if let message = object["message"] as? String {
                text = Self.clean(message)
            }
            if let error = object["error"] as? String {
                code = Self.clean(error)
                let description = (object["error_description"] as? String).map(Self.clean)
                text = text ?? (description.map { "\(Self.clean(error)): \($0)" } ?? Self.clean(error))
            } else if let error = object["error"] as? [String: Any] {   // {"error":{"code":…,"message":…}}
                code = (error["code"] as? String).map(Self.clean)
                text = text ?? (error["message"] as? String).map(Self.clean) ?? code
            }
            if let correlation = object["correlationId"] as? String { correlationID = correlationID ?? Self.clean(correlation) }
            return
        }
        let plain = Self.clean(String(decoding: body, as: UTF8.self))
        if !plain.isEmpty { text = plain }
    }

    /// Whether the text says the endpoint does not know the identity.
    var saysIdentityNotFound: Bool {
        guard let lowered = text?.lowercased() else { return false }
        return lowered.contains("identity not found") || lowered.contains("unable to load the proper managed identity")
            || lowered.contains("has not been assigned") || code == "ManagedIdentityNotFound"
    }

    /// Whether the text says the secret header was missing or wrong.
    var saysSecretRejected: Bool {
        guard let lowered = text?.lowercased() else { return false }
        return lowered.contains("secret") || lowered.contains("x-identity-header")
    }

    private static func clean(_ text: String) -> String {
        let scalars = text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        var cleaned = String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces)
        if cleaned.count > maximumTextLength { cleaned = String(cleaned.prefix(maximumTextLength)) + "…" }
        return cleaned
    }
}
