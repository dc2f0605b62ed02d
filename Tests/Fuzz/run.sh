#!/usr/bin/env bash
# Builds every libFuzzer target under Tests/Fuzz/Targets and runs each for SECONDS (default 30).
#
#   bash Tests/Fuzz/run.sh [SECONDS]
#
# Needs only bash, coreutils and the Swift toolchain (swiftc with its bundled libFuzzer).
# Builds go to $ENTRAAUTH_FUZZ_DIR (default ${TMPDIR:-/tmp}/entraauth-fuzz), never into the repo.
# Exits non-zero if any target fails to build or reports a crash, a timeout (> 15 s for one input,
# a hang) or an out-of-memory (> 2048 MB). Crashing inputs are kept under $ENTRAAUTH_FUZZ_DIR/artifacts.
#
# Environment:
#   ENTRAAUTH_FUZZ_DIR       scratch directory (binaries, growing corpora, artifacts, logs)
#   ENTRAAUTH_FUZZ_JOBS      how many builds and fuzzers run at once (default 2)
#   ENTRAAUTH_FUZZ_TIMEOUT   seconds one input may take before it counts as a hang (default 15;
#                            5 gave false hangs when the shared machine stalled, see README)
#   ENTRAAUTH_FUZZ_SANITIZE  swiftc -sanitize value (default fuzzer,address; "fuzzer" is faster but
#                            catches only traps, not memory errors in unsafe code)
#   ENTRAAUTH_FUZZ_TARGETS   space-separated subset of target names to build and run
#   ENTRAAUTH_FUZZ_BUILD_ONLY  if set, build (modules already built from unchanged sources with
#                            the same flags are reused) and stop before fuzzing
#   ENTRAAUTH_FUZZ_RUNS      if set, each target runs exactly this many inputs (or its own smaller
#                            budget from the targets table, for slow targets) from a fixed seed
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

# Every product module a target needs is compiled once, as its own module (the same module
# boundaries as Package.swift), with -enable-testing so targets reach internal types through
# `@testable import`. Modules: name | source folder | modules it imports. Listed in dependency
# order; each build wave below only starts modules whose imports are built.
modules_table="
JOSE|Sources/JOSE|
OutboundHTTP|Sources/OutboundHTTP|
HTTPServer|Sources/HTTPServer|
EntraAuthCore|Sources/EntraAuth/Core|JOSE OutboundHTTP
IdentityEmulator|Sources/IdentityEmulator|HTTPServer JOSE
EntraAuth|Sources/EntraAuth/Middleware|EntraAuthCore HTTPServer JOSE
"

# Binaries: name | entry files (paths relative to Tests/) | modules it imports.
# The JOSE targets share one binary, and so do the EntraAuth ones: the name a binary is started
# under picks the target (see Targets/JOSEFuzzMain.swift, Targets/EntraFuzzMain.swift).
binaries_table="
http-request-parser|Fuzz/Targets/HTTPRequestParserFuzz.swift|HTTPServer
jose-fuzz|Fuzz/Targets/JOSEFuzzMain.swift Fuzz/Targets/JSONReaderFuzz.swift Fuzz/Targets/JWSVerifierFuzz.swift Fuzz/Targets/KeyParsingFuzz.swift|JOSE
entra-fuzz|Fuzz/Targets/EntraFuzzMain.swift Fuzz/Targets/FuzzSupport.swift Fuzz/Targets/BearerExtractorFuzz.swift Fuzz/Targets/ClaimsPolicyFuzz.swift Fuzz/Targets/KeyDiscoveryFuzz.swift Fuzz/Targets/EasyAuthPrincipalFuzz.swift Fuzz/Targets/AccessRulesFuzz.swift Fuzz/Targets/EmulatorRequestsFuzz.swift TestSupport/FixedTestKeys.swift|JOSE OutboundHTTP HTTPServer EntraAuthCore EntraAuth IdentityEmulator
"
# Targets: name | binary | -max_len | runs under ENTRAAUTH_FUZZ_RUNS (empty: that value; a
# number: this target's own budget). Slow targets get a smaller budget so CI's fuzz stage stays
# near 2 min of fuzzing; execs/s measured in 10-minute runs, two fuzzers at a time on a loaded
# 2-core machine: key-discovery ≈ 75/s (two providers, discovery + JWK Set + RSA key checks per
# input), http-request-parser ≈ 1 000/s, emulator-requests ≈ 900/s, claims-policy ≈ 2 100/s
# (but ≈ 230–500/s in its first minutes from the seeds, which is what CI runs); the others
# 2 500–20 000/s. Listed longest first, so two-at-a-time scheduling packs well.
targets_table="
key-discovery|entra-fuzz|4096|3000
http-request-parser|http-request-parser|2048|40000
key-parsing|jose-fuzz|4096|
emulator-requests|entra-fuzz|2048|30000
claims-policy|entra-fuzz|4096|20000
json-reader|jose-fuzz|4096|
access-rules|entra-fuzz|4096|
easyauth-principal|entra-fuzz|4096|
jws-verifier|jose-fuzz|2048|
bearer-extractor|entra-fuzz|2048|
"
all_targets=$(awk -F'|' 'NF > 1 { printf "%s ", $1 }' <<<"$targets_table")
selected=${ENTRAAUTH_FUZZ_TARGETS:-$all_targets}

names=() binaries=()
declare -A binary maxlen runs entries imports msources mimports
while IFS='|' read -r name bin len budget; do
    [[ -z $name ]] && continue
    [[ " $selected " == *" $name "* ]] || continue
    names+=("$name"); binary[$name]=$bin; maxlen[$name]=$len; runs[$name]=$budget
    [[ " ${binaries[*]} " == *" $bin "* ]] || binaries+=("$bin")
done <<<"$targets_table"
[[ ${#names[@]} -gt 0 ]] || { echo "no targets selected" >&2; exit 2; }
while IFS='|' read -r bin files mods; do
    [[ -z $bin ]] && continue
    entries[$bin]=$files; imports[$bin]=$mods
done <<<"$binaries_table"
module_order=()
while IFS='|' read -r mod folder deps; do
    [[ -z $mod ]] && continue
    module_order+=("$mod"); msources[$mod]=$folder; mimports[$mod]=$deps
done <<<"$modules_table"

# The modules the selected binaries need, with what they import in turn.
declare -A needed
add_needed() {
    local mod
    for mod in "$@"; do
        [[ -n ${needed[$mod]:-} ]] && continue
        needed[$mod]=1
        # shellcheck disable=SC2086
        add_needed ${mimports[$mod]}
    done
}
for bin in "${binaries[@]}"; do
    # shellcheck disable=SC2086
    add_needed ${imports[$bin]}
done
mkdir -p "$work/modules" "$work/objects"

# Link with lld (shipped with the toolchain) rather than the default ld.gold: with
# -sanitize=address, clang passes --dynamic-list=libclang_rt.asan-x86_64.a.syms, which names
# 140 assembly thunks (__asan_report_load1_asm, __asan_check_store_add_16_RAX, ...) that are local
# symbols in the runtime archive; gold prints "Cannot export local symbol" for each of them,
# lld skips them silently. The binaries are the same otherwise.
link_flags=()
if command -v ld.lld >/dev/null 2>&1 || [[ -x $(dirname "$(command -v swiftc)")/ld.lld ]]; then
    link_flags=(-use-ld=lld)
fi

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

# Compiles one module to an object file plus its .swiftmodule (-wmo: one object, one job).
build_module() {
    local mod=$1 started=$SECONDS sources dep
    mapfile -t sources < <(find "$repo/${msources[$mod]}" -name '*.swift' | LC_ALL=C sort)
    # Reuse an object built from the same sources (and imports) with the same flags.
    local stamp="$work/objects/$mod.flags" flags="${swift_flags[*]}"
    if [[ -f $work/objects/$mod.o && -f $stamp && $(<"$stamp") == "$flags" ]] \
        && [[ -z $(find "$repo/${msources[$mod]}" -name '*.swift' -newer "$work/objects/$mod.o" | head -1) ]]; then
        local stale=0
        for dep in ${mimports[$mod]}; do [[ $work/objects/$dep.o -nt $work/objects/$mod.o ]] && stale=1; done
        if [[ $stale -eq 0 ]]; then echo "module $mod is up to date"; return 0; fi
    fi
    rm -f "$work/objects/$mod.o"
    if swiftc "${swift_flags[@]}" -enable-testing -wmo -c -module-name "$mod" -I "$work/modules" \
        -emit-module -emit-module-path "$work/modules/$mod.swiftmodule" \
        "${sources[@]}" -o "$work/objects/$mod.o" >"$work/logs/$mod.build.log" 2>&1; then
        echo "$flags" >"$stamp"
        echo "built  module $mod in $((SECONDS - started)) s"
    else
        echo "BUILD FAILED: module $mod (log: $work/logs/$mod.build.log)"
        grep -E 'error:' "$work/logs/$mod.build.log" | head -20
        return 1
    fi
}

# Compiles a binary's entry files against the modules it imports and links their objects.
build_binary() {
    local bin=$1 started=$SECONDS files=() objects=() file mod
    for file in ${entries[$bin]}; do files+=("$repo/Tests/$file"); done
    # Link every module object the binary reaches (its imports and theirs).
    unset reached; declare -A reached
    local queue=(${imports[$bin]})
    while [[ ${#queue[@]} -gt 0 ]]; do
        mod=${queue[0]}; queue=("${queue[@]:1}")
        [[ -n ${reached[$mod]:-} ]] && continue
        reached[$mod]=1; objects+=("$work/objects/$mod.o")
        # shellcheck disable=SC2206
        queue+=(${mimports[$mod]})
    done
    if swiftc "${swift_flags[@]}" "${link_flags[@]}" -module-name "$(tr -d '-' <<<"${bin^}")Main" -I "$work/modules" \
        "${files[@]}" "${objects[@]}" -o "$work/bin/$bin" >"$work/logs/$bin.build.log" 2>&1; then
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
        local count=$ENTRAAUTH_FUZZ_RUNS
        # A target's own budget applies only when it is the smaller one.
        [[ -n ${runs[$name]} && ${runs[$name]} -lt $count ]] && count=${runs[$name]}
        budget=(-runs="$count" -seed="${ENTRAAUTH_FUZZ_SEED:-1}")
        hashing=1   # Swift seeds Hasher randomly per process; fix it to cut run-to-run variation
    fi
    SWIFT_DETERMINISTIC_HASHING=$hashing SWIFT_BACKTRACE=enable=no "$work/bin/$name" "${budget[@]}" \
        -max_total_time="$seconds" -timeout="${ENTRAAUTH_FUZZ_TIMEOUT:-15}" -rss_limit_mb=2048 -max_len="${maxlen[$name]}" \
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
# Waves: each builds (at most $jobs at once) the needed modules whose imports are all built.
declare -A built
while true; do
    wave=()
    for mod in "${module_order[@]}"; do
        [[ -n ${needed[$mod]:-} && -z ${built[$mod]:-} ]] || continue
        ready=1
        for dep in ${mimports[$mod]}; do [[ -n ${built[$dep]:-} ]] || ready=0; done
        [[ $ready -eq 1 ]] && wave+=("$mod")
    done
    [[ ${#wave[@]} -gt 0 ]] || break
    run_limited build_module "${wave[@]}" || { echo "fuzz: build failed"; exit 1; }
    for mod in "${wave[@]}"; do built[$mod]=1; done
done
run_limited build_binary "${binaries[@]}" || { echo "fuzz: build failed"; exit 1; }
for name in "${names[@]}"; do
    # The binary picks its target from the name it is started under.
    [[ ${binary[$name]} == "$name" ]] || ln -sfn "${binary[$name]}" "$work/bin/$name"
done
echo "fuzz: built in $((SECONDS - build_started)) s"
[[ -n ${ENTRAAUTH_FUZZ_BUILD_ONLY:-} ]] && exit 0
run_started=$SECONDS
if run_limited run_one "${names[@]}"; then
    echo "fuzz: all targets clean after $((SECONDS - run_started)) s of fuzzing"
else
    echo "fuzz: FAILURES (artifacts in $work/artifacts; see Tests/Fuzz/README.md to reproduce)"
    exit 1
fi
