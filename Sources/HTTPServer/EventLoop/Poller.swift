#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Readiness interest of one file descriptor.
struct PollInterest: OptionSet, Sendable {
    let rawValue: UInt8
    static let read = PollInterest(rawValue: 1)
    static let write = PollInterest(rawValue: 2)
}

/// One readiness notification.
struct PollEvent {
    var fd: Int32
    var readable: Bool
    var writable: Bool
    /// Error or hang-up reported by the kernel.
    var failed: Bool
}

/// Error creating or driving the readiness poller.
struct PollerError: Error, CustomStringConvertible {
    var operation: String
    var errno: Int32
    var description: String { "\(operation) failed: \(String(cString: strerror(errno)))" }
}

/// Level-triggered readiness notification: epoll on Linux, kqueue on Darwin, plus a wake-up
/// descriptor other threads use to interrupt a blocking `wait`.
///
/// Level-triggered keeps the connection code simple: a connection reads whenever it is told to and
/// turns read interest off only while its input buffer is full (rare); write interest is on only
/// after a short write.
/// Owned and used by exactly one event loop thread (only `wake()` is called from other threads).
final class Poller {
    private let pollFD: Int32
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let capacity = 256
    #if os(Linux)
    private let calls: LinuxSystemCalls.Table
    private let eventBuffer: UnsafeMutableRawPointer
    #else
    private let eventBuffer: UnsafeMutablePointer<kevent>
    #endif

    init() throws(PollerError) {
        #if os(Linux)
        guard let calls = LinuxSystemCalls.table else { throw PollerError(operation: "dlsym(epoll)", errno: ENOSYS) }
        self.calls = calls
        let pollFD = calls.epollCreate1(LinuxSystemCalls.closeOnExec)
        guard pollFD >= 0 else { throw PollerError(operation: "epoll_create1", errno: errno) }
        let wakeFD = calls.eventFD(0, LinuxSystemCalls.closeOnExec | LinuxSystemCalls.nonBlocking)
        guard wakeFD >= 0 else {
            let code = errno
            close(pollFD)
            throw PollerError(operation: "eventfd", errno: code)
        }
        self.pollFD = pollFD
        self.wakeReadFD = wakeFD
        self.wakeWriteFD = wakeFD
        self.eventBuffer = UnsafeMutableRawPointer.allocate(
            byteCount: LinuxSystemCalls.epollEventSize * capacity, alignment: 8)
        #else
        let pollFD = kqueue()
        guard pollFD >= 0 else { throw PollerError(operation: "kqueue", errno: errno) }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            let code = errno
            close(pollFD)
            throw PollerError(operation: "pipe", errno: code)
        }
        for fd in pipeFDs { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        self.pollFD = pollFD
        self.wakeReadFD = pipeFDs[0]
        self.wakeWriteFD = pipeFDs[1]
        self.eventBuffer = UnsafeMutablePointer<kevent>.allocate(capacity: capacity)
        #endif
        do {
            try register(fd: wakeReadFD, interest: .read, previous: [])
        } catch {
            close(pollFD)
            throw error
        }
    }

    deinit {
        close(pollFD)
        close(wakeReadFD)
        if wakeWriteFD != wakeReadFD { close(wakeWriteFD) }
        eventBuffer.deallocate()
    }

    /// Adds, changes or removes (`interest == []`) the interest for `fd`.
    func register(fd: Int32, interest: PollInterest, previous: PollInterest) throws(PollerError) {
        #if os(Linux)
        let operation: Int32
        if interest.isEmpty {
            operation = LinuxSystemCalls.epollCtlDel
        } else {
            operation = previous.isEmpty ? LinuxSystemCalls.epollCtlAdd : LinuxSystemCalls.epollCtlMod
        }
        var mask: UInt32 = 0
        if interest.contains(.read) { mask |= LinuxSystemCalls.epollIn }
        if interest.contains(.write) { mask |= LinuxSystemCalls.epollOut }
        let result = withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { event in
            event.storeBytes(of: mask, toByteOffset: 0, as: UInt32.self)
            event.storeBytes(
                of: UInt64(UInt32(bitPattern: fd)), toByteOffset: LinuxSystemCalls.epollEventDataOffset, as: UInt64.self)
            return calls.epollCtl(pollFD, operation, fd, event.baseAddress)
        }
        if result != 0 {
            throw PollerError(operation: "epoll_ctl", errno: errno)
        }
        #else
        var changes: [kevent] = []
        func change(_ filter: Int16, _ on: Bool, _ wasOn: Bool) {
            guard on != wasOn else { return }
            changes.append(kevent(ident: UInt(fd), filter: filter, flags: UInt16(on ? EV_ADD : EV_DELETE),
                                  fflags: 0, data: 0, udata: nil))
        }
        change(Int16(EVFILT_READ), interest.contains(.read), previous.contains(.read))
        change(Int16(EVFILT_WRITE), interest.contains(.write), previous.contains(.write))
        if !changes.isEmpty, kevent(pollFD, changes, Int32(changes.count), nil, 0, nil) < 0 {
            throw PollerError(operation: "kevent", errno: errno)
        }
        #endif
    }

    /// Blocks until readiness, a wake-up, or `timeoutMilliseconds` (-1: no timeout), then calls
    /// `body` for each ready descriptor. Wake-ups are consumed here and not reported.
    func wait(timeoutMilliseconds: Int32, _ body: (PollEvent) -> Void) throws(PollerError) {
        #if os(Linux)
        let count = calls.epollWait(pollFD, eventBuffer, Int32(capacity), timeoutMilliseconds)
        if count < 0 {
            if errno == EINTR { return }
            throw PollerError(operation: "epoll_wait", errno: errno)
        }
        for index in 0..<Int(count) {
            let base = eventBuffer + index * LinuxSystemCalls.epollEventSize
            let mask = base.load(as: UInt32.self)
            let data = base.loadUnaligned(fromByteOffset: LinuxSystemCalls.epollEventDataOffset, as: UInt64.self)
            let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: data))
            if fd == wakeReadFD {
                drainWakeUps()
                continue
            }
            let failed = mask & (LinuxSystemCalls.epollErr | LinuxSystemCalls.epollHup) != 0
            body(PollEvent(
                fd: fd,
                readable: mask & (LinuxSystemCalls.epollIn | LinuxSystemCalls.epollRdHup) != 0,
                writable: mask & LinuxSystemCalls.epollOut != 0,
                failed: failed))
        }
        #else
        var timeout = timespec(tv_sec: Int(timeoutMilliseconds / 1000), tv_nsec: Int(timeoutMilliseconds % 1000) * 1_000_000)
        let count = timeoutMilliseconds < 0
            ? kevent(pollFD, nil, 0, eventBuffer, Int32(capacity), nil)
            : kevent(pollFD, nil, 0, eventBuffer, Int32(capacity), &timeout)
        if count < 0 {
            if errno == EINTR { return }
            throw PollerError(operation: "kevent", errno: errno)
        }
        for index in 0..<Int(count) {
            let event = eventBuffer[index]
            let fd = Int32(event.ident)
            if fd == wakeReadFD {
                drainWakeUps()
                continue
            }
            body(PollEvent(
                fd: fd,
                readable: event.filter == Int16(EVFILT_READ),
                writable: event.filter == Int16(EVFILT_WRITE),
                failed: event.flags & UInt16(EV_ERROR) != 0))
        }
        #endif
    }

    /// Interrupts a `wait` in progress (or the next one). Safe to call from any thread.
    func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { bytes in
            #if os(Linux)
            write(wakeWriteFD, bytes.baseAddress, 8)
            #else
            write(wakeWriteFD, bytes.baseAddress, 1)
            #endif
        }
    }

    private func drainWakeUps() {
        var scratch: (UInt64, UInt64) = (0, 0)
        _ = withUnsafeMutableBytes(of: &scratch) { read(wakeReadFD, $0.baseAddress, $0.count) }
    }
}
