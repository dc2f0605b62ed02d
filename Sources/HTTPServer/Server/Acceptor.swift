#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Accepts connections on the listening socket (on the first loop) and spreads them round-robin
/// over all loops.
///
/// Over the maximum connection count, a connection is accepted, answered with `503` and
/// `Connection: close`, and closed — the backlog never fills with clients that wait in vain.
/// When the process is out of descriptors, accepting pauses for 100 ms instead of spinning.
///
/// Thread-safety: `@unchecked Sendable` because its mutable state (`nextLoop`, `isOpen`,
/// `paused`) is touched only on `loop`'s thread (created there, then driven by that loop).
final class Acceptor: EventLoopChannel, TimerTarget, @unchecked Sendable {
    private let socket: ListeningSocket
    private let loop: EventLoop
    private let loops: [EventLoop]
    private let settings: ConnectionSettings
    private let registry: ConnectionRegistry
    private var nextLoop = 0
    private var isOpen = false
    private var paused = false
    var timerHeapIndex = -1

    init(socket: ListeningSocket, loop: EventLoop, loops: [EventLoop], settings: ConnectionSettings, registry: ConnectionRegistry) {
        self.socket = socket
        self.loop = loop
        self.loops = loops
        self.settings = settings
        self.registry = registry
    }

    /// Starts accepting. Loop thread only.
    func start() {
        do {
            try loop.register(self, fd: socket.fd, interest: .read)
            isOpen = true
        } catch {
            settings.logger.error("cannot watch the listening socket", ["error": "\(error)"])
        }
    }

    func readable() {
        guard isOpen, !paused else { return }
        for _ in 0..<64 {
            switch socket.accept() {
            case .accepted(let fd, let peer):
                guard registry.tryOpen() else {
                    refuse(fd)
                    continue
                }
                let target = loops[nextLoop]
                nextLoop = (nextLoop + 1) % loops.count
                let settings = self.settings
                let registry = self.registry
                if target === loop {
                    HTTPConnection(fd: fd, peer: peer, loop: target, settings: settings, registry: registry).start()
                } else {
                    target.execute {
                        HTTPConnection(fd: fd, peer: peer, loop: target, settings: settings, registry: registry).start()
                    }
                }
            case .wouldBlock:
                return
            case .failed(let code):
                settings.logger.error("accept failed; pausing for 100 ms", ["errno": String(code)])
                pause()
                return
            }
        }
    }

    private static let refusal: [UInt8] = {
        let body = ProblemDetails(status: .serviceUnavailable, detail: "The server is at its connection limit.").jsonBytes
        return Array(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\nRetry-After: 1\r\n\r\n").utf8) + body
    }()

    private func refuse(_ fd: Int32) {
        Self.refusal.withUnsafeBytes { bytes in
            #if os(Linux)
            _ = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            #else
            _ = send(fd, bytes.baseAddress, bytes.count, 0)
            #endif
        }
        shutdown(fd, Int32(SHUT_WR))
        _ = closeDescriptor(fd)
    }

    private func pause() {
        paused = true
        loop.deregister(fd: socket.fd, interest: .read)
        loop.schedule(self, at: loop.now &+ 100_000_000)
    }

    func timerFired(now: UInt64) {
        guard paused, isOpen else { return }
        paused = false
        do {
            try loop.register(self, fd: socket.fd, interest: .read)
        } catch {
            settings.logger.error("cannot watch the listening socket", ["error": "\(error)"])
        }
    }

    func writable() {}

    func failed() {}

    func beginShutdown(force: Bool) {
        guard isOpen else { return }
        isOpen = false
        if !paused { loop.deregister(fd: socket.fd, interest: .read) }
        socket.close()
    }
}
