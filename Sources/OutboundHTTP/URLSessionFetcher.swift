public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Dispatch
import Synchronization

/// The real ``HTTPFetcher``: Foundation's `URLSession` (FoundationNetworking on Linux) with the
/// rules a security component needs on every request:
///
/// - `https` only, except plain `http` to a loopback host (the local emulator, test servers) and
///   to hosts named explicitly in ``allowedPlainHTTPHosts`` (IMDS's link-local `169.254.169.254`);
/// - the request's ``OutboundRequest/timeout`` bounds the whole exchange, not just idle gaps;
/// - the body is capped at ``OutboundRequest/maximumResponseByteCount`` while it streams in
///   (a `Content-Length` over the cap fails before any body is read);
/// - redirects are never followed (a 3xx comes back as the response), no cookies, no cache.
///
/// ```swift
/// let fetcher = URLSessionFetcher()
/// let response = try await fetcher.fetch(OutboundRequest(url: discoveryURL))
/// guard response.isSuccess else { … }
/// ```
public final class URLSessionFetcher: HTTPFetcher {
    private let session: URLSession
    private let delegate: SessionDelegate
    /// Whether plain `http` to a loopback host is allowed (default `true`).
    public let allowsLoopbackHTTP: Bool
    /// Further hosts plain `http` is allowed to, compared exactly (ASCII case-insensitively) with
    /// the URL's host: no patterns, no subnets. Default empty. The managed-identity client puts
    /// IMDS's `169.254.169.254` here, and nothing else.
    ///
    /// ```swift
    /// let imds = URLSessionFetcher(allowedPlainHTTPHosts: ["169.254.169.254"])
    /// ```
    public let allowedPlainHTTPHosts: Set<String>

    /// A fetcher with its own ephemeral session.
    public init(allowsLoopbackHTTP: Bool = true, allowedPlainHTTPHosts: Set<String> = []) {
        self.allowsLoopbackHTTP = allowsLoopbackHTTP
        self.allowedPlainHTTPHosts = Set(allowedPlainHTTPHosts.map { $0.lowercased() })
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        delegate = SessionDelegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// Checks the URL against the transport rules without sending anything.
    ///
    /// - Throws: ``FetchError/Reason/insecureURL`` for anything but `https` (or `http` to loopback
    ///   or to a host in ``allowedPlainHTTPHosts``).
    public func checkURL(_ url: URL) throws(FetchError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw FetchError(.insecureURL, "the URL has no scheme or host")
        }
        if scheme == "https" { return }
        if scheme == "http", allowsLoopbackHTTP, isLoopbackHost(host) { return }
        if scheme == "http", allowedPlainHTTPHosts.contains(host.lowercased()) { return }
        throw FetchError(.insecureURL, "\(scheme)://\(host) is refused: use https (plain http is allowed to loopback and explicitly allowed hosts only)")
    }

    public func fetch(_ request: OutboundRequest) async throws(FetchError) -> OutboundResponse {
        try checkURL(request.url)
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = Double(request.timeout.components.seconds) + 1
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }

        let task = session.dataTask(with: urlRequest)
        let exchange = Exchange(limit: request.maximumResponseByteCount, host: request.url.host ?? "")
        delegate.register(exchange, for: task.taskIdentifier)
        let timeout = request.timeout
        let result: Result<OutboundResponse, FetchError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                exchange.setContinuation(continuation)
                let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds))) {
                    if exchange.finish(.failure(FetchError(.timedOut, "no complete answer from \(exchange.host) within \(timeout)"))) {
                        task.cancel()
                    }
                }
                task.resume()
            }
        } onCancel: {
            if exchange.finish(.failure(FetchError(.cancelled, "the request to \(exchange.host) was cancelled"))) {
                task.cancel()
            }
        }
        delegate.unregister(task.taskIdentifier)
        return try result.get()
    }
}

/// The state of one request: the body so far and the waiting caller. The first outcome wins.
private final class Exchange: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<OutboundResponse, FetchError>, Never>?
        var outcome: Result<OutboundResponse, FetchError>?
        var delivered = false
        var status = 0
        var headers: [(name: String, value: String)] = []
        var body: [UInt8] = []
    }

    let limit: Int
    let host: String
    private let state = Mutex(State())

    init(limit: Int, host: String) {
        self.limit = limit
        self.host = host
    }

    func setContinuation(_ continuation: CheckedContinuation<Result<OutboundResponse, FetchError>, Never>) {
        let ready: Result<OutboundResponse, FetchError>? = state.withLock { state in
            if let outcome = state.outcome, !state.delivered {
                state.delivered = true
                return outcome
            }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    /// Records the outcome; returns `true` when this call decided it (so the caller cancels the task).
    @discardableResult
    func finish(_ outcome: Result<OutboundResponse, FetchError>) -> Bool {
        let (decided, continuation) = state.withLock { state -> (Bool, CheckedContinuation<Result<OutboundResponse, FetchError>, Never>?) in
            guard state.outcome == nil else { return (false, nil) }
            state.outcome = outcome
            guard let continuation = state.continuation else { return (true, nil) }
            state.continuation = nil
            state.delivered = true
            return (true, continuation)
        }
        continuation?.resume(returning: outcome)
        return decided
    }

    /// Stores the response head; `false` when the announced length is over the cap.
    func receive(status: Int, headers: [(name: String, value: String)], expectedLength: Int64) -> Bool {
        if expectedLength > Int64(limit) {
            finish(.failure(FetchError(.responseTooLarge, "\(host) announced \(expectedLength) bytes; the limit is \(limit)")))
            return false
        }
        state.withLock { state in
            state.status = status
            state.headers = headers
        }
        return true
    }

    /// Appends body bytes; `false` once the body is over the cap.
    func receive(_ data: Data) -> Bool {
        let over = state.withLock { state -> Bool in
            guard state.outcome == nil else { return false }
            if state.body.count + data.count > limit { return true }
            state.body.append(contentsOf: data)
            return false
        }
        if over {
            finish(.failure(FetchError(.responseTooLarge, "\(host) sent more than \(limit) bytes")))
        }
        return !over
    }

    func complete(error: (any Error)?) {
        guard let error else {
            let response = state.withLock { OutboundResponse(status: $0.status, headers: $0.headers, body: $0.body) }
            finish(.success(response))
            return
        }
        finish(.failure(Self.fetchError(for: error, host: host)))
    }

    private static func fetchError(for error: any Error, host: String) -> FetchError {
        guard let urlError = error as? URLError else { return FetchError(.transport, "request to \(host) failed: \(error)") }
        switch urlError.code {
        case .timedOut: return FetchError(.timedOut, "\(host) did not answer in time")
        case .cancelled: return FetchError(.cancelled, "the request to \(host) was cancelled")
        case .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .networkConnectionLost, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return FetchError(.unreachable, "\(host) is unreachable (\(urlError.code.rawValue))")
        default:
            return FetchError(.transport, "request to \(host) failed (URLError \(urlError.code.rawValue))")
        }
    }
}

/// Routes the session's callbacks to each request's ``Exchange``.
///
/// `@unchecked Sendable`: its only state is the `Mutex`-protected table; URLSession calls it on
/// its own delegate queue.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let exchanges = Mutex([Int: Exchange]())

    func register(_ exchange: Exchange, for identifier: Int) {
        exchanges.withLock { $0[identifier] = exchange }
    }

    func unregister(_ identifier: Int) {
        _ = exchanges.withLock { $0.removeValue(forKey: identifier) }
    }

    private func exchange(_ identifier: Int) -> Exchange? {
        exchanges.withLock { $0[identifier] }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let exchange = exchange(dataTask.taskIdentifier) else { return completionHandler(.cancel) }
        let http = response as? HTTPURLResponse
        var headers: [(name: String, value: String)] = []
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { headers.append((name.lowercased(), value)) }
        }
        let accepted = exchange.receive(status: http?.statusCode ?? 0, headers: headers,
                                        expectedLength: response.expectedContentLength)
        completionHandler(accepted ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask.taskIdentifier) else { return }
        if !exchange.receive(data) { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        exchange(task.taskIdentifier)?.complete(error: error)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)   // never follow: the 3xx is the answer
    }
}
