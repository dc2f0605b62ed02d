import Dispatch
#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGTERM and SIGINT into a call to `onSignal` (through Dispatch signal sources, so
/// nothing runs inside a C signal handler). The signals' default action is suspended while
/// installed and restored by `cancel()`.
///
/// Thread-safety: `@unchecked Sendable` because `sources` is an immutable array set in `init`,
/// and Dispatch sources are themselves safe to cancel from any thread.
final class ShutdownSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(onSignal: @escaping @Sendable (Int32) -> Void) {
        let signals = [SIGTERM, SIGINT]
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { onSignal(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }
}
