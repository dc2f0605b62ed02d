// Helpers shared by the EntraAuth fuzz targets. Not part of the SwiftPM package.

import Dispatch
import Synchronization

/// Runs `body` on the concurrency runtime and blocks the fuzzing thread until it finishes.
/// libFuzzer calls targets synchronously; the code under test is async. The -timeout given to
/// libFuzzer still catches a body that never finishes.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let value = await body()
        box.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    guard let value = box.withLock({ $0 }) else { fatalError("runBlocking: no value") }
    return value
}

/// The input split at each `separator` byte (empty pieces kept).
func pieces(_ bytes: UnsafeRawBufferPointer, separator: UInt8) -> [[UInt8]] {
    bytes.split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
}

/// The bytes as a String (invalid UTF-8 becomes U+FFFD, as a server decoding a field would).
func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
