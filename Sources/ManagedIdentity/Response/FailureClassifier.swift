import OutboundHTTP

/// Turns a failed exchange (transport error or non-2xx answer) into a ``ManagedIdentityError``
/// whose message says what happened, where, and what to do about it.
struct FailureClassifier: Sendable {
    let source: ManagedIdentitySource
    let identity: ManagedIdentityID

    private var host: String { source.host }
    private var kind: String { source.kindName }

    /// A transport failure from the fetcher.
    func classify(_ error: FetchError) -> ManagedIdentityError {
        if case .imds(_, true) = source, error.reason == .unreachable || error.reason == .timedOut || error.reason == .transport {
            return ManagedIdentityError(.noManagedIdentity,
                "no managed identity endpoint on this host: set IDENTITY_ENDPOINT/IDENTITY_HEADER or run where IMDS is reachable (169.254.169.254: \(error.message))")
        }
        switch error.reason {
        case .timedOut:
            return ManagedIdentityError(.timedOut, "\(kind) \(host) did not answer in time: \(error.message)")
        case .unreachable, .transport:
            let hint = switch source {
            case .appService: "is the endpoint in IDENTITY_ENDPOINT running and reachable from here?"
            case .imds: "is the endpoint in AZURE_POD_IDENTITY_AUTHORITY_HOST running?"
            }
            return ManagedIdentityError(.endpointUnreachable, "\(kind) \(host) is unreachable (\(error.message)): \(hint)")
        case .insecureURL:
            return ManagedIdentityError(.invalidConfiguration, "the fetcher refused \(kind) \(host): \(error.message)")
        case .responseTooLarge:
            return ManagedIdentityError(.invalidResponse, "\(kind) \(host) sent an oversized response: \(error.message)")
        case .cancelled:
            return ManagedIdentityError(.cancelled, "the token request to \(host) was cancelled")
        }
    }

    /// The final non-2xx answer, after `attempts` requests.
    func classify(_ response: OutboundResponse, attempts: Int, gaveUpEarly: Bool = false) -> ManagedIdentityError {
        let status = response.status
        let body = EndpointErrorBody(body: response.body, correlationHeader: response.header("x-correlation-id"))
        let quoted = body.text.map { ": \"\($0)\"" } ?? ""
        func error(_ reason: ManagedIdentityError.Reason, _ message: String) -> ManagedIdentityError {
            ManagedIdentityError(reason, message, statusCode: status, endpointMessage: body.text, correlationID: body.correlationID)
        }
        let tries = attempts == 1 ? "" : " after \(attempts) attempts" + (gaveUpEarly ? " (retry budget exhausted)" : "")

        if isSecretRejection(status: status, body: body) {
            return error(.forbidden,
                "\(kind) \(host) rejected the X-IDENTITY-HEADER secret (\(status)\(quoted)): IDENTITY_HEADER is missing, wrong or stale (the platform rotates it; restart the app to pick up the current value)")
        }
        switch status {
        case 400 where body.saysIdentityNotFound:
            let advice = identity.isUserAssigned
                ? "the \(identity) is not assigned to this resource: assign it (for example `az webapp identity assign --identities <id>` or `az vm identity assign`) or fix the ID"
                : "this resource has no system-assigned identity (or several user-assigned ones and none was selected): enable it, or pass --client-id/--object-id/--resource-id"
            return error(.identityNotFound, "\(kind) \(host) answered \(status)\(quoted): \(advice)")
        case 403 where body.text?.lowercased().contains("unreachable") == true:
            // Docker Desktop answers for 169.254.169.254 with a 403 "…unreachable network…": no IMDS here.
            return error(.noManagedIdentity,
                "no managed identity endpoint on this host: set IDENTITY_ENDPOINT/IDENTITY_HEADER or run where IMDS is reachable (\(host) answered 403\(quoted))")
        case 401, 403:
            return error(.forbidden, "\(kind) \(host) refused the request (\(status)\(quoted))")
        case 429:
            return error(.throttled, "\(kind) \(host) is throttling token requests (429\(tries))\(quoted): retry later and cache tokens (IMDS allows 20 requests/s and 5 concurrent per VM)")
        case 404 where isIMDS, 410 where isIMDS, 500...599:
            return error(.serviceUnavailable, "\(kind) \(host) kept failing (\(status)\(tries))\(quoted): it may be updating or overloaded; retry later")
        case 404:
            return error(.badRequest, "\(kind) \(host) answered 404\(quoted): check the path in IDENTITY_ENDPOINT")
        case 400...499:
            return error(.badRequest, "\(kind) \(host) rejected the token request (\(status))\(quoted)")
        default:
            return error(.invalidResponse, "\(kind) \(host) answered with unexpected status \(status)")
        }
    }

    private var isIMDS: Bool {
        if case .imds = source { return true }
        return false
    }

    private func isSecretRejection(status: Int, body: EndpointErrorBody) -> Bool {
        guard case .appService = source else { return false }
        return status == 401 || status == 403 || (status == 400 && body.saysSecretRejected)
    }
}
