import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long each figure is measured, in seconds: `BENCH_SECONDS` from the environment, default 1.
let benchmarkSeconds: Double = {
    if let text = ProcessInfo.processInfo.environment["BENCH_SECONDS"], let seconds = Double(text), seconds > 0 {
        return seconds
    }
    return 1
}()

/// Which clock divides the operation count.
///
/// By default the thread's CPU time, as `openssl speed` does (it divides by user CPU time unless
/// given `-elapsed`): on a machine shared with other builds, wall time would charge us for time
/// spent descheduled and make the ratio meaningless. `BENCH_CLOCK=wall` selects wall time.
let benchmarkUsesWallClock = ProcessInfo.processInfo.environment["BENCH_CLOCK"] == "wall"

/// Seconds on the benchmark clock (see ``benchmarkUsesWallClock``), from an arbitrary origin.
func benchmarkClockSeconds() -> Double {
    var time = timespec()
    clock_gettime(benchmarkUsesWallClock ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Runs `operation` for a warm-up and then for ``benchmarkSeconds``, and prints one line
/// `NAME value unit` on standard output (the format Benchmarks/run.sh crypto parses).
///
/// `value` is operations per second times `unitsPerOperation`: keep the default 1 for `ops/s`,
/// or pass for example the input size in megabytes to report `MB/s`.
/// `operation` returns any number derived from its result; the sum is kept (and shown on standard
/// error when `BENCH_VERBOSE` is set) so the optimiser cannot discard the work.
///
/// ```swift
/// measure(name: "rs256-verify") {
///     key.isValidSignature(signature, for: signingInput, padding: .pkcs1v15, digest: .sha256) ? 1 : 0
/// }
/// ```
func measure(name: String, unit: String = "ops/s", unitsPerOperation: Double = 1, _ operation: () -> Int) {
    var sink = 0

    // Warm-up, which also sizes a batch to about 10 ms so reading the clock costs nothing.
    var batch = 1
    while true {
        let start = benchmarkClockSeconds()
        for _ in 0..<batch { sink &+= operation() }
        if benchmarkClockSeconds() - start >= 0.01 || batch >= 1 << 30 { break }
        batch *= 2
    }
    for _ in 0..<10 {
        for _ in 0..<batch { sink &+= operation() }
    }

    var operations = 0
    let start = benchmarkClockSeconds()
    var elapsed = 0.0
    repeat {
        for _ in 0..<batch { sink &+= operation() }
        operations += batch
        elapsed = benchmarkClockSeconds() - start
    } while elapsed < benchmarkSeconds

    let value = Double(operations) / elapsed * unitsPerOperation
    print("\(name) \(formatted(value)) \(unit)")
    if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
        let clock = benchmarkUsesWallClock ? "wall" : "CPU"
        FileHandle.standardError.write(Data("\(name): \(operations) operations in \(elapsed) s of \(clock) time (checksum \(sink))\n".utf8))
    }
}

/// A figure with one decimal place, without Foundation's locale-dependent formatting.
private func formatted(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    let whole = Int(tenths / 10)
    let fraction = Int(tenths) - whole * 10
    return "\(whole).\(fraction)"
}
