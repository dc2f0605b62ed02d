#!/usr/bin/env bash
# Builds every libFuzzer target under Tests/Fuzz/Targets and runs each for SECONDS (default 30).
#
#   bash Tests/Fuzz/run.sh [SECONDS]
#
# Needs only bash, coreutils and the Swift toolchain (swiftc with its bundled libFuzzer).
# Builds go to $ENTRAAUTH_FUZZ_DIR (default ${TMPDIR:-/tmp}/entraauth-fuzz), never into the repo.
# Exits non-zero if any target fails to build or reports a crash, a timeout (> 5 s for one input,
# a hang) or an out-of-memory (> 2048 MB). Crashing inputs are kept under $ENTRAAUTH_FUZZ_DIR/artifacts.
#
# Environment:
#   ENTRAAUTH_FUZZ_DIR       scratch directory (binaries, growing corpora, artifacts, logs)
#   ENTRAAUTH_FUZZ_JOBS      how many builds and fuzzers run at once (default 2)
#   ENTRAAUTH_FUZZ_SANITIZE  swiftc -sanitize value (default fuzzer,address; "fuzzer" is faster but
#                            catches only traps, not memory errors in unsafe code)
#   ENTRAAUTH_FUZZ_TARGETS   space-separated subset of target names to build and run
#   ENTRAAUTH_FUZZ_RUNS      if set, each target runs exactly this many inputs from a fixed seed
#                            (ENTRAAUTH_FUZZ_SEED, default 1) with deterministic Swift hashing: a
#                            fixed budget whatever the machine's speed (CI uses this with a fresh
#                            ENTRAAUTH_FUZZ_DIR). libFuzzer still varies slightly between
#                            processes, so two runs explore nearly, not exactly, the same inputs.
#                            SECONDS stays a cap.
set -euo pipefail

seconds=${1:-30}
case $seconds in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fuzz="$repo/Tests/Fuzz"
work=${ENTRAAUTH_FUZZ_DIR:-${TMPDIR:-/tmp}/entraauth-fuzz}
jobs=${ENTRAAUTH_FUZZ_JOBS:-2}
sanitize=${ENTRAAUTH_FUZZ_SANITIZE:-fuzzer,address}
mkdir -p "$work/bin" "$work/logs" "$work/artifacts"

# Same language settings as Package.swift's strictSettings, plus -O.
swift_flags=(-parse-as-library -O "-sanitize=$sanitize" -swift-version 6
    -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility)

# The parser needs its own folder and the message types; HTTPResponse.swift (response side)
# is left out because it pulls in Sources/HTTPServer/Response.
http_sources() {
    find "$repo/Sources/HTTPServer/Parser" "$repo/Sources/HTTPServer/Message" -name '*.swift' \
        ! -name HTTPResponse.swift | LC_ALL=C sort
}
jose_sources() { find "$repo/Sources/JOSE" -name '*.swift' | LC_ALL=C sort; }

# Binaries: name | module | source lister | entry files under Targets/.
# The JOSE targets share one binary (Sources/JOSE compiled once); see Targets/JOSEFuzzMain.swift.
binaries_table="
http-request-parser|HTTPServerFuzz|http_sources|HTTPRequestParserFuzz.swift
jose-fuzz|JOSEFuzz|jose_sources|JOSEFuzzMain.swift JSONReaderFuzz.swift JWSVerifierFuzz.swift KeyParsingFuzz.swift
"
# Targets: name | binary | -max_len
targets_table="
http-request-parser|http-request-parser|2048
json-reader|jose-fuzz|4096
jws-verifier|jose-fuzz|2048
key-parsing|jose-fuzz|4096
"
selected=${ENTRAAUTH_FUZZ_TARGETS:-http-request-parser json-reader jws-verifier key-parsing}

names=() binaries=()
declare -A binary maxlen module lister entries
while IFS='|' read -r name bin len; do
    [[ -z $name ]] && continue
    [[ " $selected " == *" $name "* ]] || continue
    names+=("$name"); binary[$name]=$bin; maxlen[$name]=$len
    [[ " ${binaries[*]} " == *" $bin "* ]] || binaries+=("$bin")
done <<<"$targets_table"
[[ ${#names[@]} -gt 0 ]] || { echo "no targets selected" >&2; exit 2; }
while IFS='|' read -r bin mod list files; do
    [[ -z $bin ]] && continue
    module[$bin]=$mod; lister[$bin]=$list; entries[$bin]=$files
done <<<"$binaries_table"

# Runs at most $jobs calls of a function at once; returns non-zero if any call failed.
run_limited() {
    local function=$1 item failed=0; shift
    local marks="$work/status.$$"
    rm -rf "$marks"; mkdir -p "$marks"
    for item in "$@"; do
        while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
        { "$function" "$item" || touch "$marks/$item"; } &
    done
    wait
    [[ -z $(ls -A "$marks") ]] || failed=1
    rm -rf "$marks"
    return $failed
}

build_one() {
    local bin=$1 started=$SECONDS
    local sources files=()
    mapfile -t sources < <("${lister[$bin]}")
    for file in ${entries[$bin]}; do files+=("$fuzz/Targets/$file"); done
    if swiftc "${swift_flags[@]}" -module-name "${module[$bin]}" "${files[@]}" "${sources[@]}" \
        -o "$work/bin/$bin" >"$work/logs/$bin.build.log" 2>&1; then
        echo "built  $bin in $((SECONDS - started)) s"
    else
        echo "BUILD FAILED: $bin (log: $work/logs/$bin.build.log)"
        grep -E 'error:' "$work/logs/$bin.build.log" | head -20
        return 1
    fi
}

run_one() {
    local name=$1
    local corpus="$work/corpus/$name"
    local dirs=("$corpus" "$fuzz/Corpus/$name")
    [[ -d $fuzz/Regressions/$name ]] && dirs+=("$fuzz/Regressions/$name")
    mkdir -p "$corpus"
    local log="$work/logs/$name.run.log" status=0
    # SWIFT_BACKTRACE=enable=no: let libFuzzer/ASan report crashes (the Swift backtracer would
    # otherwise symbolicate for a long time before the process dies).
    local budget=()
    local hashing=0
    if [[ -n ${ENTRAAUTH_FUZZ_RUNS:-} ]]; then
        budget=(-runs="$ENTRAAUTH_FUZZ_RUNS" -seed="${ENTRAAUTH_FUZZ_SEED:-1}")
        hashing=1   # Swift seeds Hasher randomly per process; fix it to cut run-to-run variation
    fi
    SWIFT_DETERMINISTIC_HASHING=$hashing SWIFT_BACKTRACE=enable=no "$work/bin/$name" "${budget[@]}" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len="${maxlen[$name]}" \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$name-" \
        "${dirs[@]}" >"$log" 2>&1 || status=$?
    local execs speed cov
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
    if [[ $status -eq 0 ]]; then
        printf '%-20s ok     execs=%s (%s/s) %s\n' "$name" "${execs:-?}" "${speed:-?}" "${cov:-}"
    else
        printf '%-20s FAILED exit=%s execs=%s %s (log: %s)\n' "$name" "$status" "${execs:-?}" "${cov:-}" "$log"
        # The harness's own checks say what broke in a "Fatal error:" line plus two verdict lines.
        grep -E -A2 'Fatal error' "$log" | head -6
        grep -E '^(==[0-9]+== *ERROR|SUMMARY)' "$log" | head -6
        local artifact
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        [[ -n $artifact ]] && echo "reproduce: $work/bin/$name $artifact"
        return 1
    fi
}

echo "fuzz: ${#names[@]} targets, $seconds s each, $jobs at a time, -sanitize=$sanitize, scratch $work"
build_started=$SECONDS
run_limited build_one "${binaries[@]}" || { echo "fuzz: build failed"; exit 1; }
for name in "${names[@]}"; do
    # The binary picks its target from the name it is started under.
    [[ ${binary[$name]} == "$name" ]] || ln -sfn "${binary[$name]}" "$work/bin/$name"
done
echo "fuzz: built in $((SECONDS - build_started)) s"
run_started=$SECONDS
if run_limited run_one "${names[@]}"; then
    echo "fuzz: all targets clean after $((SECONDS - run_started)) s of fuzzing"
else
    echo "fuzz: FAILURES (artifacts in $work/artifacts; see Tests/Fuzz/README.md to reproduce)"
    exit 1
fi
