#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client connection: reads bytes, drives the parser, runs one request at a time on the
/// loop's executor, writes responses in request order, and enforces timeouts.
///
/// Phases: `idle` (between requests; idle timeout closes quietly) → `head` (header timeout,
/// absolute) → `body` (stall timeout, reset by progress) → `handling` (handler running; no
/// timeout except for writes) → back to `idle`, or `lingering` after an error response (output
/// shut down, input drained briefly so the client reads the response before the close).
///
/// Thread-safety: `@unchecked Sendable` because all mutable state is touched only on `loop`'s
/// thread. Entry points from the loop (`readable`, `writable`, `timerFired`, `beginShutdown`) run
/// there by construction; the async entry points used by the handler task (`send`,
/// `writeBodyChunk`) run there because the task prefers the loop as its executor, and they still
/// check `loop.inEventLoop` and hop onto the loop when they are not.
final class HTTPConnection: EventLoopChannel, TimerTarget, ResponseBodySink, @unchecked Sendable {
    private enum Phase {
        case idle, head, body, handling, lingering, closed
    }

    /// The request being handled.
    private struct CurrentRequest {
        var method: HTTPMethod
        var path: String
        var version: HTTPVersion
        var keepAlive: Bool
        var start: UInt64
    }

    let fd: Int32
    let loop: EventLoop
    private let settings: ConnectionSettings
    private let registry: ConnectionRegistry
    private let peer: SocketAddress?
    private var parser: HTTPRequestParser
    private var phase: Phase = .idle
    private var interest: PollInterest = .read
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var closeAfterFlush = false
    /// Set for error responses: drain the client's input before closing (see `lingerThenClose`).
    private var lingerOnClose = false
    private var inputClosed = false
    private var draining = false
    private var sentContinue = false
    /// When the current phase started (idle, head, linger) or last progressed (body).
    private var phaseStart: UInt64
    private var lastWriteProgress: UInt64 = 0
    /// Body bytes received since the body stall timer last restarted.
    private var bodyProgress = 0
    private var deadline: UInt64 = 0
    /// The deadline currently scheduled on the loop's timer heap, if any.
    private var armedDeadline: UInt64?
    var timerHeapIndex = -1
    private var current: CurrentRequest?
    private var streamIsChunked = false
    /// The streamed response whose writer may write now (0: none) and the last number given out.
    private var openStream: UInt64 = 0
    private var lastStream: UInt64 = 0
    private var bodyBytesSent = 0
    /// Writers waiting for the output to drain (several when a producer writes from concurrent
    /// child tasks; a single slot would drop all but the last, leaving those tasks hung).
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    init(fd: Int32, peer: SocketAddress?, loop: EventLoop, settings: ConnectionSettings, registry: ConnectionRegistry) {
        self.fd = fd
        self.peer = peer
        self.loop = loop
        self.settings = settings
        self.registry = registry
        self.parser = HTTPRequestParser(limits: settings.limits)
        self.phaseStart = loop.now
    }

    /// Registers with the loop and starts the idle timer. Loop thread only.
    func start() {
        do {
            try loop.register(self, fd: fd, interest: .read)
        } catch {
            _ = closeDescriptor(fd)
            registry.closed()
            phase = .closed
            return
        }
        phaseStart = loop.now
        updateTimer()
    }

    // MARK: Reading

    func readable() {
        switch phase {
        case .closed:
            return
        case .lingering:
            discardInput()
            return
        default:
            break
        }
        let buffer = loop.readBuffer
        guard let base = buffer.baseAddress else { return }
        var received = 0
        for _ in 0..<4 {
            let count = read(fd, base, buffer.count)
            if count > 0 {
                parser.append(UnsafeRawBufferPointer(start: base, count: count))
                received += count
                if count < buffer.count { break }
            } else if count == 0 {
                inputClosed = true
                setInterest(interest.subtracting(.read))
                break
            } else {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { break }
                close()
                return
            }
        }
        if received > 0, phase == .body {
            bodyProgress += received
            if bodyProgress >= settings.minimumBodyProgress {
                bodyProgress = 0
                phaseStart = loop.now
            }
        }
        if phase != .handling { processInput() }
        updateReadInterest()
    }

    /// Stops reading while input cannot be processed — a handler is running and a lot of
    /// pipelined input is already buffered, responses are piling up unread by the client, or the
    /// connection is about to close — and resumes when it can. Bounds the memory one client can
    /// make the server hold.
    private func updateReadInterest() {
        guard !inputClosed, phase != .closed, phase != .lingering else { return }
        let shouldPause: Bool
        if closeAfterFlush {
            shouldPause = true
        } else if phase == .handling {
            // Count what the parser still holds, not what arrived during this handler: pipelined
            // input left over from earlier handlers must not let the buffer grow by another
            // `maxBufferedInput` with every request.
            shouldPause = parser.bufferedByteCount > settings.maxBufferedInput
        } else {
            shouldPause = output.count - outputOffset > settings.outputHighWater
        }
        setInterest(shouldPause ? interest.subtracting(.read) : interest.union(.read))
    }

    /// Reads and drops input while lingering (at most 1 MiB per readiness event, so a flooding
    /// client cannot monopolise the loop; level-triggered readiness brings us back).
    private func discardInput() {
        let buffer = loop.readBuffer
        guard let base = buffer.baseAddress else { return }
        for _ in 0..<16 {
            let count = read(fd, base, buffer.count)
            if count > 0 { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            if count < 0 && errno == EINTR { continue }
            close()
            return
        }
    }

    /// Parses buffered input and starts the next request, if any.
    private func processInput() {
        while phase == .idle || phase == .head || phase == .body {
            if closeAfterFlush { return }
            if output.count - outputOffset > settings.outputHighWater { return }
            let event: HTTPParserEvent?
            do {
                event = try parser.next()
            } catch {
                reject(error)
                return
            }
            switch event {
            case nil:
                if parser.isMidRequest {
                    if phase == .idle {
                        phase = .head
                        phaseStart = loop.now
                    }
                    if inputClosed {
                        close()
                        return
                    }
                } else if inputClosed {
                    if output.count == outputOffset { close() } else { closeAfterFlush = true }
                    return
                } else if draining {
                    closeAfterFlush = true
                    flush()
                    return
                }
                updateTimer()
                return
            case .headComplete(let expectsContinue):
                phase = .body
                phaseStart = loop.now
                bodyProgress = 0
                if expectsContinue && !sentContinue {
                    sentContinue = true
                    output.append(contentsOf: Self.continueResponse)
                    flush()
                }
            case .request(let request, let keepAlive):
                startRequest(request, keepAlive: keepAlive)
                return
            }
        }
    }

    private static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    // MARK: Handling

    private func startRequest(_ request: HTTPRequest, keepAlive: Bool) {
        phase = .handling
        sentContinue = false
        bodyBytesSent = 0
        current = CurrentRequest(
            method: request.method, path: request.path, version: request.version,
            keepAlive: keepAlive && !draining && !inputClosed, start: MonotonicClock.now())
        updateTimer()
        let responder = settings.responder
        let peer = self.peer
        Task(executorPreference: loop) {
            let response = await responder(request, peer)
            await self.send(response)
        }
    }

    /// Writes `response` for the current request (head, then bytes or the stream).
    ///
    /// Runs only in the request's `Task(executorPreference: loop)`, so it starts, and resumes after
    /// every `await`, on the loop thread that owns this connection's state.
    private func send(_ response: HTTPResponse) async {
        assert(loop.inEventLoop, "send(_:) must run on the connection's loop")
        guard phase == .handling, let request = current else { return }
        // A final response must not be 1xx (the client would take it for an interim response and
        // wait for another) and the status must be three digits.
        guard (200...999).contains(response.status.code) else {
            settings.logger.error("handler returned an invalid final status", [
                "status": String(response.status.code), "path": request.path,
            ])
            await send(.problem(.internalServerError, detail: "The server could not complete the request."))
            return
        }
        var keepAlive = request.keepAlive && !draining && !ResponseHeadSerializer.requestsClose(response.headers)
        let isHead = request.method == .head
        let bodyAllowed = response.status.allowsBody
        switch response.body.storage {
        case .bytes(let bytes):
            ResponseHeadSerializer.appendHead(
                to: &output, status: response.status, headers: response.headers,
                framing: bodyAllowed ? .contentLength(bytes.count) : .none, keepAlive: keepAlive,
                requestVersion: request.version, date: loop.dateCache.bytes, serverName: settings.serverName)
            if bodyAllowed && !isHead {
                output.append(contentsOf: bytes)
                bodyBytesSent = bytes.count
            }
        case .stream(let producer):
            if isHead || !bodyAllowed {
                // RFC 9112 §6.1: no Transfer-Encoding in a response to an HTTP/1.0 request.
                let framing: ResponseHeadSerializer.Framing =
                    !bodyAllowed ? .none : request.version == .http1_0 ? .untilClose : .chunked
                ResponseHeadSerializer.appendHead(
                    to: &output, status: response.status, headers: response.headers,
                    framing: framing, keepAlive: keepAlive,
                    requestVersion: request.version, date: loop.dateCache.bytes, serverName: settings.serverName)
                break
            }
            streamIsChunked = request.version != .http1_0
            if !streamIsChunked { keepAlive = false }
            ResponseHeadSerializer.appendHead(
                to: &output, status: response.status, headers: response.headers,
                framing: streamIsChunked ? .chunked : .untilClose, keepAlive: keepAlive,
                requestVersion: request.version, date: loop.dateCache.bytes, serverName: settings.serverName)
            flush()
            lastStream &+= 1
            openStream = lastStream
            do {
                try await producer(HTTPBodyWriter(sink: self, stream: openStream))
            } catch {
                assert(loop.inEventLoop)
                openStream = 0
                settings.logger.error("response stream failed", ["error": "\(error)", "path": request.path])
                close()
                return
            }
            assert(loop.inEventLoop)
            openStream = 0
            guard phase == .handling else { return }
            if streamIsChunked { output.append(contentsOf: ResponseHeadSerializer.lastChunk) }
        }
        finishResponse(status: response.status, keepAlive: keepAlive)
    }

    func writeBodyChunk(_ bytes: [UInt8], stream: UInt64) async throws(HTTPBodyWriterError) {
        if loop.inEventLoop { return try await writeBodyChunkOnLoop(bytes, stream: stream) }
        // The writer was handed to a task that does not prefer the loop (`Task.detached`, a
        // plain `Task {}` started by the producer). Merely resuming a continuation from the loop
        // would bring such a task back on its *own* executor, and the connection state below
        // would be mutated off the loop thread; make the loop the preferred executor for the write.
        try await withTaskExecutorPreference(loop) { () async throws(HTTPBodyWriterError) in
            try await self.writeBodyChunkOnLoop(bytes, stream: stream)
        }
    }

    /// `writeBodyChunk` once running with the loop as executor (it stays there across awaits).
    private func writeBodyChunkOnLoop(_ bytes: [UInt8], stream: UInt64) async throws(HTTPBodyWriterError) {
        assert(loop.inEventLoop)
        guard phase == .handling else { throw HTTPBodyWriterError(reason: .connectionClosed) }
        guard stream == openStream else { throw HTTPBodyWriterError(reason: .responseFinished) }
        if streamIsChunked {
            ResponseHeadSerializer.appendChunkHeader(bytes.count, to: &output)
            output.append(contentsOf: bytes)
            output.append(contentsOf: ResponseHeadSerializer.crlf)
        } else {
            output.append(contentsOf: bytes)
        }
        bodyBytesSent += bytes.count
        flush()
        if phase == .handling, output.count - outputOffset > settings.outputHighWater {
            await withCheckedContinuation { drainWaiters.append($0) }
            assert(loop.inEventLoop)
        }
        guard phase == .handling else { throw HTTPBodyWriterError(reason: .connectionClosed) }
    }

    private func finishResponse(status: HTTPStatus, keepAlive: Bool) {
        if settings.accessLog, let request = current {
            let micros = (MonotonicClock.now() &- request.start) / 1000
            settings.logger.info("request", [
                "method": request.method.rawValue, "path": request.path, "status": String(status.code),
                "bytes": String(bodyBytesSent), "duration_us": String(micros),
            ])
        }
        current = nil
        if !keepAlive { closeAfterFlush = true }
        phase = .idle
        phaseStart = loop.now
        flush()
        if phase == .idle && !closeAfterFlush { processInput() }
        updateReadInterest()
    }

    /// Answers a request the parser refused, then closes.
    private func reject(_ error: HTTPParseError) {
        settings.logger.warning("request rejected", [
            "reason": error.reason.rawValue, "status": String(error.status.code),
            "remote": peer?.description ?? "",
        ])
        writeError(error.problemResponse)
    }

    /// Appends an error response with `Connection: close` and closes after writing it.
    private func writeError(_ response: HTTPResponse) {
        let bytes = response.body.bytes ?? []
        ResponseHeadSerializer.appendHead(
            to: &output, status: response.status, headers: response.headers, framing: .contentLength(bytes.count),
            keepAlive: false, requestVersion: .http1_1, date: loop.dateCache.bytes, serverName: settings.serverName)
        output.append(contentsOf: bytes)
        phase = .idle
        closeAfterFlush = true
        lingerOnClose = true
        flush()
    }

    // MARK: Writing

    func writable() {
        guard phase != .closed else { return }
        flush()
        if phase == .idle && !closeAfterFlush { processInput() }
        updateReadInterest()
    }

    private func flush() {
        while outputOffset < output.count {
            let written = output.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                #if os(Linux)
                return Glibc.send(fd, base + outputOffset, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
                #else
                return Darwin.send(fd, base + outputOffset, bytes.count - outputOffset, 0)
                #endif
            }
            if written > 0 {
                outputOffset += written
                lastWriteProgress = loop.now
                continue
            }
            let code = errno
            if written < 0 && code == EINTR { continue }
            if written < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
                if !interest.contains(.write) {
                    lastWriteProgress = loop.now
                    setInterest(interest.union(.write))
                }
                updateTimer()
                return
            }
            close()
            return
        }
        if output.capacity > 64 * 1024 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
        if interest.contains(.write) { setInterest(interest.subtracting(.write)) }
        resumeDrainWaiters()
        if closeAfterFlush && phase != .handling {
            lingerThenClose()
            return
        }
        updateTimer()
    }

    private func resumeDrainWaiters() {
        guard !drainWaiters.isEmpty else { return }
        let waiters = drainWaiters
        drainWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func setInterest(_ newInterest: PollInterest) {
        guard newInterest != interest, phase != .closed else { return }
        do {
            if newInterest.isEmpty {
                try loop.changeInterest(fd: fd, to: [], from: interest)
            } else {
                try loop.changeInterest(fd: fd, to: newInterest, from: interest)
            }
            interest = newInterest
        } catch {
            close()
        }
    }

    // MARK: Closing

    /// Shuts down our sending side and reads (discarding) until the client closes or the linger
    /// timeout passes, so the response is not destroyed by a reset caused by unread input.
    private func lingerThenClose() {
        shutdown(fd, Int32(SHUT_WR))
        // A clean close (keep-alive off, nothing unread) needs no lingering; an error response
        // may leave the client still sending, and closing then would reset the connection.
        guard !inputClosed, lingerOnClose || parser.isMidRequest else {
            close()
            return
        }
        phase = .lingering
        phaseStart = loop.now
        setInterest(.read)
        updateTimer()
        discardInput()
    }

    private func close() {
        guard phase != .closed else { return }
        phase = .closed
        loop.cancelTimer(self)
        armedDeadline = nil
        loop.deregister(fd: fd, interest: interest)
        interest = []
        _ = closeDescriptor(fd)
        registry.closed()
        output = []
        parser = HTTPRequestParser(limits: settings.limits)
        resumeDrainWaiters()
    }

    func failed() {
        // Read what is left (an error or EOF) and let the read path decide.
        if phase == .closed { return }
        readable()
        if phase != .closed && inputClosed && phase != .handling { close() }
    }

    func beginShutdown(force: Bool) {
        guard phase != .closed else { return }
        if force {
            close()
            return
        }
        draining = true
        if phase == .idle && output.count == outputOffset && !parser.isMidRequest { close() }
    }

    // MARK: Timeouts

    /// The deadline for the current phase (0: none).
    private func currentDeadline() -> UInt64 {
        let pendingOutput = output.count > outputOffset
        switch phase {
        case .closed:
            return 0
        case .lingering:
            return phaseStart &+ settings.lingerTimeout
        case .handling:
            return pendingOutput ? lastWriteProgress &+ settings.writeTimeout : 0
        case .idle:
            return pendingOutput ? lastWriteProgress &+ settings.writeTimeout : phaseStart &+ settings.idleTimeout
        case .head:
            return phaseStart &+ settings.headerTimeout
        case .body:
            return phaseStart &+ settings.bodyTimeout
        }
    }

    /// Recomputes the deadline and arms the loop timer if it moved earlier than the armed one
    /// (a later deadline is picked up when the armed entry fires).
    private func updateTimer() {
        deadline = currentDeadline()
        if deadline != 0, armedDeadline.map({ deadline < $0 }) ?? true {
            armedDeadline = deadline
            loop.schedule(self, at: deadline)
        }
    }

    func timerFired(now: UInt64) {
        armedDeadline = nil
        guard phase != .closed else { return }
        deadline = currentDeadline()
        guard deadline != 0 else { return }
        guard deadline <= now else {
            updateTimer()
            return
        }
        switch phase {
        case .head, .body:
            settings.logger.info("request timed out", ["phase": phase == .head ? "headers" : "body", "remote": peer?.description ?? ""])
            phase = .idle
            writeError(.problem(.requestTimeout, detail: "The request was not received in time."))
        default:
            close()
        }
    }
}
