import EntraAuthCore
public import HTTPServer
import JOSE

extension RouteBuilder where Context: EntraRequestContext {
    /// Adds a route (default `/.auth/me`, like App Service's) that returns the caller's
    /// validated claims as JSON. It needs a valid token, like every protected route.
    ///
    /// ```swift
    /// router.addClaimsEndpoint()    // GET /.auth/me → {"aud":"api://aad-func","roles":["DoAll"],…}
    /// ```
    public mutating func addClaimsEndpoint(_ path: String = "/.auth/me") {
        get(path, access: .authenticated) { _, context in
            .claims(try context.requireIdentity())
        }
    }

    /// Adds a Prometheus text-format route (default `/metrics`) with `auth`'s counters and its key
    /// provider's state. Anonymous by default, as scrapers expect: expose it only where the
    /// network is private, or pass an access rule.
    ///
    /// ```text
    /// entraauth_tokens_accepted_total 1532
    /// entraauth_tokens_refused_total{reason="expired"} 3
    /// entraauth_signing_keys 2
    /// ```
    public mutating func addMetricsEndpoint(_ path: String = "/metrics", auth: EntraAuthentication<Context>, access: RouteAccess = .anonymous) {
        get(path, access: access) { _, _ in
            var extra: [String] = []
            let usage = auth.validator.cacheUsage
            extra += ["# TYPE entraauth_token_cache_entries gauge", "entraauth_token_cache_entries \(usage.entries)",
                      "# TYPE entraauth_token_cache_bytes gauge", "entraauth_token_cache_bytes \(usage.bytes)"]
            if let status = auth.keyProvider?.status {
                extra += [
                    "# TYPE entraauth_signing_keys gauge", "entraauth_signing_keys \(status.keyCount)",
                    "# TYPE entraauth_signing_keys_loaded gauge", "entraauth_signing_keys_loaded \(status.isLoaded ? 1 : 0)",
                    "# TYPE entraauth_signing_keys_stale gauge", "entraauth_signing_keys_stale \(status.isStale ? 1 : 0)",
                    "# TYPE entraauth_signing_key_age_seconds gauge",
                    "entraauth_signing_key_age_seconds \(status.keyAge.map { String($0.components.seconds) } ?? "NaN")",
                    "# TYPE entraauth_key_refreshes_total counter", "entraauth_key_refreshes_total \(status.refreshCount)",
                    "# TYPE entraauth_key_refresh_failures_total counter", "entraauth_key_refresh_failures_total \(status.refreshFailureCount)",
                    "# TYPE entraauth_unknown_key_refreshes_total counter", "entraauth_unknown_key_refreshes_total \(status.unknownKeyRefreshCount)",
                ]
            }
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                                body: .string(auth.metrics.prometheusText(extra: extra)))
        }
    }
}
