// jose-bench: prints one `NAME value unit` line per figure, the format
// Benchmarks/run.sh (crypto) parses. Run a release build:
//
//     swift build -c release --product jose-bench && .build/release/jose-bench [NAME ...]
//
// With names, only those figures run. BENCH_SECONDS sets the time per figure (default 1 s);
// rates are per second of the thread's CPU time, as `openssl speed` measures, unless
// BENCH_CLOCK=wall; BENCH_VERBOSE prints operation counts on standard error. To add a figure, write one function
// that calls `measure(name:unit:unitsPerOperation:_:)` and list it below.

let figures: [(name: String, run: () -> Void)] = [
    ("sha256", benchmarkSHA256),
    ("rs256-verify", benchmarkRS256Verify),
    ("ps256-verify", benchmarkPS256Verify),
    ("es256-verify", benchmarkES256Verify),
    ("hs256-verify", benchmarkHS256Verify),
    ("rs256-token", benchmarkRS256Token),
    ("adversarial-header-refusal", benchmarkAdversarialHeaderRefusal),
    ("es256-token", benchmarkES256Token),
    // Extra figures (not parsed by crypto-compare.sh), for the primitives every token uses.
    ("sha512", benchmarkSHA512),
    ("base64url-decode", benchmarkBase64URLDecode),
    ("hs256-token", benchmarkHS256Token),
]

let requested = Set(CommandLine.arguments.dropFirst())
for figure in figures where requested.isEmpty || requested.contains(figure.name) {
    figure.run()
}
