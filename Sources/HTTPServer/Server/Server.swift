import Dispatch
import Synchronization
#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server: event loops over non-blocking sockets, the strict parser, your router
/// and middleware, graceful shutdown.
///
/// ```swift
/// var router = Router(context: BasicRequestContext.self)
/// router.get("/hello") { _, _ in .text("ok") }
/// let server = Server(configuration: .init(address: .hostPort("127.0.0.1", 8080)), router: router)
/// try await server.run()   // returns after SIGTERM/SIGINT (or shutdown()) once requests drained
/// ```
///
/// With port 0 the kernel picks a free port; read it with `boundAddress`:
///
/// ```swift
/// let server = Server(configuration: .init(address: .hostPort("127.0.0.1", 0), handlesSignals: false), router: router)
/// Task { try await server.run() }
/// let address = try await server.boundAddress
/// // … later
/// server.shutdown()
/// ```
///
/// Cancelling the task that runs `run()` starts the same graceful shutdown as SIGTERM. Background
/// work that should live and stop with the server runs beside it with `run(services:)`.
public final class Server<Context: RequestContext>: Sendable {
    private enum Phase {
        case idle
        case starting
        case running(SocketAddress)
        case failed(any Error)
        case stopped
    }

    private struct State {
        var phase: Phase = .idle
        var addressWaiters: [CheckedContinuation<SocketAddress, any Error>] = []
        var shutdownRequested = false
        var shutdownWaiter: CheckedContinuation<Void, Never>?
    }

    /// The configuration the server was created with.
    public let configuration: Configuration
    private let handler: RouteHandler<Context>
    /// The router's first configuration error, thrown by `run()` before binding.
    private let routerError: RouteConfigurationError?
    private let state = Mutex(State())

    /// A server answering with `router`. A router with configuration errors (see
    /// `Router.validate()`) makes `run()` throw before it binds.
    public init(configuration: Configuration = Configuration(), router: Router<Context>) {
        self.configuration = configuration
        self.handler = router.makeResponder()
        do {
            try router.validate()
            routerError = nil
        } catch {
            routerError = error
        }
    }

    /// A server on `address` with the default configuration otherwise.
    ///
    /// ```swift
    /// let server = Server(address: .port(8080), router: router)
    /// ```
    public convenience init(address: BindAddress, router: Router<Context>) {
        self.init(configuration: Configuration(address: address), router: router)
    }

    /// The address the server is listening on, or `nil` before it is bound (and after it stopped).
    public var localAddress: SocketAddress? {
        state.withLock { state in
            if case .running(let address) = state.phase { return address }
            return nil
        }
    }

    /// The address the server is listening on; waits until `run()` has bound it. Throws the bind
    /// error if binding failed, or `CancellationError` if the server stopped first.
    public var boundAddress: SocketAddress {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                state.withLock { state in
                    switch state.phase {
                    case .running(let address): continuation.resume(returning: address)
                    case .failed(let error): continuation.resume(throwing: error)
                    case .stopped: continuation.resume(throwing: CancellationError())
                    case .idle, .starting: state.addressWaiters.append(continuation)
                    }
                }
            }
        }
    }

    /// Starts graceful shutdown: stop accepting, finish in-flight requests (up to
    /// `shutdownGracePeriod`), close idle connections; `run()` then returns. Callable from anywhere,
    /// any number of times.
    public func shutdown() {
        let waiter = state.withLock { state in
            state.shutdownRequested = true
            let waiter = state.shutdownWaiter
            state.shutdownWaiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Binds, serves until shutdown (SIGTERM, SIGINT, `shutdown()` or cancellation of the task
    /// running it), drains, and returns.
    /// Throws the router's `RouteConfigurationError` before binding, `SocketError` if the address
    /// cannot be bound, or if `run()` was already called (a server runs once).
    ///
    /// ```swift
    /// let running = Task { try await server.run() }
    /// running.cancel()            // graceful shutdown, like SIGTERM
    /// try await running.value
    /// ```
    public func run() async throws {
        let mayStart = state.withLock { state in
            guard case .idle = state.phase else { return false }
            state.phase = .starting
            return true
        }
        guard mayStart else { throw SocketError(.alreadyStarted, "run() was already called on this server") }
        if let routerError {
            failStart(routerError)
            configuration.logger.error("router configuration error", ["error": routerError.description])
            throw routerError
        }
        var loops: [EventLoop] = []
        let socket: ListeningSocket
        do throws(SocketError) {
            socket = try ListeningSocket.open(configuration.address, backlog: configuration.backlog)
            for index in 0..<max(1, configuration.eventLoopCount) {
                do {
                    loops.append(try EventLoop(index: index))
                } catch {
                    socket.close()
                    throw SocketError(.eventLoopFailed, errno: error.errno, "cannot create an event loop (\(error.operation))")
                }
            }
        } catch {
            failStart(error)
            throw error
        }
        #if os(Linux)
        signal(SIGPIPE, SIG_IGN)
        #endif
        let registry = ConnectionRegistry(maximum: configuration.maxConnections)
        let settings = makeSettings()
        let stopped = LoopExitCounter(count: loops.count)
        for loop in loops { loop.start { stopped.loopExited() } }
        let acceptor = Acceptor(socket: socket, loop: loops[0], loops: loops, settings: settings, registry: registry)
        loops[0].execute { acceptor.start() }

        let signals = configuration.handlesSignals
            ? ShutdownSignals { [weak self] number in
                self?.configuration.logger.info("signal received; shutting down", ["signal": String(number)])
                self?.shutdown()
            }
            : nil
        let waiters = state.withLock { state in
            state.phase = .running(socket.address)
            defer { state.addressWaiters = [] }
            return state.addressWaiters
        }
        for waiter in waiters { waiter.resume(returning: socket.address) }
        configuration.logger.info("listening", ["address": socket.address.description])

        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.shutdownRequested { return true }
                    state.shutdownWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.shutdown()
        }

        // Graceful shutdown: stop accepting, let in-flight requests finish, close idle connections.
        registry.beginDraining()
        for loop in loops {
            loop.execute { loop.forEachChannel { $0.beginShutdown(force: false) } }
        }
        let deadline = MonotonicClock.now() &+ configuration.shutdownGracePeriod.nanoseconds
        while registry.openCount > 0 && MonotonicClock.now() < deadline {
            // Not `Task.sleep`: after a cancellation it would return at once and spin.
            await Self.sleepIgnoringCancellation(milliseconds: 5)
        }
        let abandoned = registry.openCount
        if abandoned > 0 {
            configuration.logger.warning("shutdown grace period over; closing connections", ["open": String(abandoned)])
        }
        for loop in loops {
            loop.execute { loop.forEachChannel { $0.beginShutdown(force: true) } }
            loop.stop()
        }
        await stopped.waitForAll()
        signals?.cancel()
        state.withLock { $0.phase = .stopped }
        configuration.logger.info("stopped")
    }

    /// Records a start-up failure and hands it to every `boundAddress` waiter.
    private func failStart(_ error: any Error) {
        let waiters = state.withLock { state in
            state.phase = .failed(error)
            defer { state.addressWaiters = [] }
            return state.addressWaiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// Waits about `milliseconds`, even in a cancelled task (the drain must run to its deadline).
    private static func sleepIgnoringCancellation(milliseconds: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { continuation.resume() }
        }
    }

    private func makeSettings() -> ConnectionSettings {
        let handler = self.handler
        let logger = configuration.logger
        let responder = RequestResponder.make(handler: handler, logger: logger)
        return ConnectionSettings(
            limits: configuration.limits,
            headerTimeout: configuration.headerTimeout.nanoseconds,
            bodyTimeout: configuration.bodyTimeout.nanoseconds,
            idleTimeout: configuration.idleTimeout.nanoseconds,
            writeTimeout: configuration.writeTimeout.nanoseconds,
            lingerTimeout: configuration.lingerTimeout.nanoseconds,
            minimumBodyProgress: 1024,
            maxBufferedInput: configuration.limits.maxRequestLineBytes + configuration.limits.maxHeaderBytes
                + configuration.limits.maxBodyBytes + 64 * 1024,
            outputHighWater: 256 * 1024,
            // Written into every response head: keep CR, LF and other CTLs out of it.
            serverName: configuration.serverName.utf8.map {
                HTTPByteClass.table[Int($0)] & HTTPByteClass.fieldValue != 0 ? $0 : UInt8(ascii: " ")
            },
            accessLog: configuration.accessLog,
            logger: logger,
            responder: responder)
    }
}

/// Resumes a waiter once every event loop thread has exited.
private final class LoopExitCounter: Sendable {
    private struct State {
        var remaining: Int
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(remaining: count))
    }

    func loopExited() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func waitForAll() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.remaining == 0 { return true }
                state.waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }
}
