import Foundation
import Synchronization
#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread that waits for socket readiness (epoll/kqueue), runs the connections registered
/// with it, fires their deadlines, and executes Swift tasks.
///
/// The loop is a `TaskExecutor`: the server starts each request's handler with
/// `Task(executorPreference: loop)`, so the handler and the response write run on the same thread
/// that read the request — no thread hop on the fast path. Work from other threads arrives through a
/// locked queue plus an eventfd wake-up.
///
/// Thread-safety: `@unchecked Sendable` because every stored `var` except `remote` is read and
/// written only on the loop thread (`inEventLoop` is checked at each entry point that other
/// threads may reach: `enqueue`, `execute`, `stop`), and `remote` is a `Mutex`. `threadID` is written
/// once by the loop thread before `start()` returns (ordered by the start semaphore).
final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// Work handed over by other threads.
    private struct RemoteQueue {
        var jobs: [UnownedJob] = []
        var closures: [@Sendable () -> Void] = []
        var isEmpty: Bool { jobs.isEmpty && closures.isEmpty }
    }

    let index: Int
    private let poller: Poller
    private let remote = Mutex(RemoteQueue())
    private var threadID: pthread_t?
    private var thread: Thread?

    // Loop-thread state.
    private var channels: [(any EventLoopChannel)?] = []
    private var localJobs: [UnownedJob] = []
    private var runningJobs: [UnownedJob] = []
    private var timers = TimerHeap()
    private var expired: [any TimerTarget] = []
    private var stopRequested = false
    /// Monotonic time of the current loop iteration, in nanoseconds.
    private(set) var now: UInt64 = MonotonicClock.now()
    /// The `Date` header value, refreshed at most once per second.
    let dateCache = HTTPDateCache()
    /// Scratch buffer every connection on this loop reads into.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Number of channels registered (connections plus listener).
    private(set) var registeredCount = 0

    init(index: Int) throws(PollerError) {
        self.index = index
        self.poller = try Poller()
        self.readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Whether the caller runs on this loop's thread.
    var inEventLoop: Bool {
        guard let threadID else { return false }
        return pthread_equal(pthread_self(), threadID) != 0
    }

    /// Starts the loop thread; `onExit` runs on that thread after `stop()` once the loop ended.
    func start(onExit: @escaping @Sendable () -> Void) {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            threadID = pthread_self()
            Self.nameCurrentThread("http-loop-\(index)")
            started.signal()
            runLoop()
            onExit()
        }
        thread.name = "http-loop-\(index)"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
        started.wait()
    }

    /// Sets the kernel-visible name of the calling thread (shown by `top -H`, `ps -L`, `perf`).
    /// `pthread_setname_np` is not in Swift's Glibc module; `/proc/thread-self/comm` is the same knob.
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        _ = closeDescriptor(fd)
        #endif
    }

    /// Asks the loop to finish its queued work and exit. Callable from any thread.
    func stop() {
        execute { [self] in stopRequested = true }
    }

    // MARK: Executors

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if inEventLoop {
            localJobs.append(job)
        } else {
            let wasEmpty = remote.withLock { queue in
                let wasEmpty = queue.isEmpty
                queue.jobs.append(job)
                return wasEmpty
            }
            if wasEmpty { poller.wake() }
        }
    }

    /// Runs `work` on the loop thread soon (never inline, even when called on the loop).
    func execute(_ work: @escaping @Sendable () -> Void) {
        let wasEmpty = remote.withLock { queue in
            let wasEmpty = queue.isEmpty
            queue.closures.append(work)
            return wasEmpty
        }
        if wasEmpty { poller.wake() }
    }

    // MARK: Channels and timers (loop thread only)

    func register(_ channel: any EventLoopChannel, fd: Int32, interest: PollInterest) throws(PollerError) {
        assert(inEventLoop)
        try poller.register(fd: fd, interest: interest, previous: [])
        let slot = Int(fd)
        if slot >= channels.count {
            channels.append(contentsOf: repeatElement(nil, count: max(slot + 1 - channels.count, 64)))
        }
        channels[slot] = channel
        registeredCount += 1
    }

    func changeInterest(fd: Int32, to interest: PollInterest, from previous: PollInterest) throws(PollerError) {
        assert(inEventLoop)
        try poller.register(fd: fd, interest: interest, previous: previous)
    }

    /// Removes the channel; call before closing its descriptor.
    func deregister(fd: Int32, interest: PollInterest) {
        assert(inEventLoop)
        if !interest.isEmpty { try? poller.register(fd: fd, interest: [], previous: interest) }
        let slot = Int(fd)
        if slot < channels.count, channels[slot] != nil {
            channels[slot] = nil
            registeredCount -= 1
        }
    }

    /// Calls `body` with every registered channel (used for shutdown).
    func forEachChannel(_ body: (any EventLoopChannel) -> Void) {
        assert(inEventLoop)
        for channel in channels.compactMap({ $0 }) { body(channel) }
    }

    /// Schedules (or reschedules) `target` to fire at `deadline` (monotonic nanoseconds).
    func schedule(_ target: any TimerTarget, at deadline: UInt64) {
        assert(inEventLoop)
        timers.schedule(target, at: deadline)
    }

    /// Cancels `target`'s deadline, if any.
    func cancelTimer(_ target: any TimerTarget) {
        assert(inEventLoop)
        timers.cancel(target)
    }

    // MARK: The loop

    private func runLoop() {
        dateCache.refresh()
        while true {
            runQueuedWork()
            if stopRequested { break }
            let timeout: Int32
            if !localJobs.isEmpty {
                timeout = 0
            } else if let deadline = timers.nextDeadline {
                let current = MonotonicClock.now()
                timeout = deadline <= current ? 0 : Int32(clamping: (deadline - current + 999_999) / 1_000_000)
            } else {
                timeout = -1
            }
            // Channels timestamp progress with `now` (header start, body progress, write
            // progress) and answer errors with `dateCache`, so both must be of this wake-up, not
            // of the last iteration before `wait` blocked: read the clocks once, at the first
            // event of the batch.
            var clockRead = false
            do {
                try poller.wait(timeoutMilliseconds: timeout) { event in
                    if !clockRead {
                        now = MonotonicClock.now()
                        dateCache.refreshIfNeeded()
                        clockRead = true
                    }
                    let slot = Int(event.fd)
                    guard slot < channels.count, let channel = channels[slot] else { return }
                    if event.failed && !event.readable {
                        channel.failed()
                        return
                    }
                    if event.writable { channel.writable() }
                    // The write callback may have closed the channel.
                    if event.readable || event.failed, let channel = channels[slot] { channel.readable() }
                }
            } catch {
                FileHandle.standardError.write(Data("event loop \(index): \(error)\n".utf8))
                break
            }
            now = MonotonicClock.now()
            dateCache.refreshIfNeeded()
            if let first = timers.nextDeadline, first <= now {
                timers.popExpired(now: now, into: &expired)
                for target in expired { target.timerFired(now: now) }
                expired.removeAll(keepingCapacity: true)
            }
        }
        timers.removeAll()
        channels.removeAll()
    }

    /// Runs handed-over closures and task jobs until none are left (bounded, so sockets are not starved).
    private func runQueuedWork() {
        for _ in 0..<64 {
            let handedOver = remote.withLock { queue -> RemoteQueue? in
                guard !queue.isEmpty else { return nil }
                let taken = queue
                queue = RemoteQueue()
                return taken
            }
            if let handedOver {
                for closure in handedOver.closures { closure() }
                localJobs.append(contentsOf: handedOver.jobs)
            }
            guard !localJobs.isEmpty else {
                if handedOver == nil { return }
                continue
            }
            swap(&localJobs, &runningJobs)
            let executor = asUnownedTaskExecutor()
            for job in runningJobs { job.runSynchronously(on: executor) }
            runningJobs.removeAll(keepingCapacity: true)
        }
        now = MonotonicClock.now()
    }
}
