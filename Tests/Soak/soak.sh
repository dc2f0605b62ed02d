#!/usr/bin/env bash
# Soak and fault run for aad-func (issue 8 items 4 and 5): full load from wrk with seven token
# classes at once — valid (200), role-less (403), expired, wrong audience, Microsoft Graph, bad
# signature and garbage (401) — each class on its own wrk process whose Lua script checks every
# single answer. Twice: token cache on, then off (AUTH_TOKEN_CACHE_SIZE=0).
#
# During each phase: a signing-key rotation at 1/3 (new key published, old one kept for the
# overlap), the identity provider (the emulator) stopped at 2/3 (last good keys must keep
# serving; aad-func refreshes every 5 s here, so the failures show in its log and metrics).
# Resident memory and open file descriptors are sampled every 5 s and must stay flat. At the
# end, SIGTERM under load: every answer received must be right and aad-func must exit 0.
#
#   bash Tests/Soak/soak.sh            # 5 minutes per phase, release build
#   bash Tests/Soak/soak.sh --quick    # 20 s per phase, debug build (CI)
#
# Environment: DURATION (seconds per phase), BUILD (debug|release), CONNECTIONS (per class, 4).
# Needs wrk (installed with apt-get when missing) and Python's `cryptography` (pip).
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1
duration=${DURATION:-$([ $quick = 1 ] && echo 20 || echo 300)}
build=${BUILD:-$([ $quick = 1 ] && echo debug || echo release)}
connections=${CONNECTIONS:-4}

if ! command -v wrk >/dev/null 2>&1; then
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
python3 -c "import cryptography" 2>/dev/null || pip install -q cryptography

for product in aad-func entra-auth; do swift build -c "$build" --product "$product" >/dev/null; done   # one --product per call: SwiftPM builds only the last one given
bin=$(swift build -c "$build" --show-bin-path)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # URL [header] — until 2xx, at most 30 s
  for _ in $(seq 300); do
    if curl -fsS -o /dev/null ${2:+-H "$2"} "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2; return 1
}
sample() {  # PID → "rss_kb fds"
  echo "$(awk '/VmRSS/ {print $2}' "/proc/$1/status") $(ls "/proc/$1/fd" | wc -l)"
}

# The emulator's signing key, so this script can mint every token class with it.
python3 - "$work/key.jwk" <<'PY'
import base64, json, sys
from cryptography.hazmat.primitives.asymmetric import rsa
k = rsa.generate_private_key(65537, 2048); n = k.private_numbers()
enc = lambda i: base64.urlsafe_b64encode(i.to_bytes((i.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
json.dump({"kty": "RSA", "n": enc(n.public_numbers.n), "e": enc(n.public_numbers.e), "d": enc(n.d), "p": enc(n.p), "q": enc(n.q)}, open(sys.argv[1], "w"))
PY

start_emulator() {
  "$bin/entra-auth" emulator --port 0 --signing-key "$work/key.jwk" >"$work/emulator.env" 2>"$work/emulator.log" &
  emulator_pid=$!
  pids+=("$emulator_pid")
  for _ in $(seq 100); do grep -q AUTH_AUTHORITY "$work/emulator.env" 2>/dev/null && break; sleep 0.1; done
  authority=$(sed -n 's/^AUTH_AUTHORITY=//p' "$work/emulator.env")
  emulator_base=$(sed -n 's/^AZURE_POD_IDENTITY_AUTHORITY_HOST=//p' "$work/emulator.env")
}

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

run_phase() {  # cache size
  local cache=$1 label port aad_pid
  label=$([ "$cache" = 0 ] && echo "cache off" || echo "cache on")
  start_emulator
  local discovery issuer tenant kid
  discovery=$(curl -fsS "${authority%/}/.well-known/openid-configuration")
  issuer=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["issuer"])' "$discovery")
  tenant=$(python3 -c 'import sys; print(sys.argv[1].rstrip("/").split("/")[-1])' "$issuer")
  kid=$(curl -fsS "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["jwks_uri"])' "$discovery")" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["keys"][0]["kid"])')
  python3 Tests/Soak/mint_tokens.py "$work/key.jwk" "$kid" "$issuer" "$tenant" "api://aad-func" >"$work/tokens.json"

  port=$(free_port)
  AUTH_AUTHORITY=$authority AUTH_AUDIENCE=api://aad-func AUTH_TOKEN_CACHE_SIZE=$cache AUTH_KEY_REFRESH_SECONDS=5 \
    AUTH_METRICS=1 PORT=$port HOST=127.0.0.1 "$bin/aad-func" >"$work/aad-func.log" 2>&1 &
  aad_pid=$!
  pids+=("$aad_pid")
  local valid
  valid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["valid"])' "$work/tokens.json")
  wait_for "http://127.0.0.1:$port/healthz"
  wait_for "http://127.0.0.1:$port/api/admin" "Authorization: Bearer $valid"

  echo "== $label: $duration s, 7 token classes × $connections connections"
  local wrk_pids=()
  for class in valid roleless expired wrong-audience graph bad-signature garbage; do
    local expect=401 token
    [ "$class" = valid ] && expect=200
    [ "$class" = roleless ] && expect=403
    token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/tokens.json" "$class")
    CLASS=$class EXPECT=$expect wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s -s Tests/Soak/check.lua \
      -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/admin" >"$work/wrk-$class.out" 2>&1 &
    wrk_pids+=($!)
  done
  local samples=() elapsed=0 rotated=0 stopped=0
  while [ $elapsed -lt "$duration" ]; do
    sleep 5; elapsed=$((elapsed + 5))
    samples+=("$elapsed $(sample "$aad_pid")")
    if [ $rotated = 0 ] && [ $elapsed -ge $((duration / 3)) ]; then
      curl -fsS -X POST "$emulator_base/emulator/rotate-keys" >/dev/null && echo "   t=${elapsed}s signing keys rotated"
      rotated=1
    fi
    if [ $stopped = 0 ] && [ $elapsed -ge $((2 * duration / 3)) ]; then
      kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true
      echo "   t=${elapsed}s identity provider stopped"
      stopped=1
    fi
  done
  for pid in "${wrk_pids[@]}"; do wait "$pid" || true; done
  sleep 6   # one more scheduled refresh against the stopped provider

  local total=0
  for class in valid roleless expired wrong-audience graph bad-signature garbage; do
    local line
    line=$(grep '^class=' "$work/wrk-$class.out" || echo "class=$class missing")
    echo "   $line"
    case $line in
      *" mismatches=0 "*" errors=0") total=$((total + $(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line"))) ;;
      *) fail "$label: $line"; cat "$work/wrk-$class.out" ;;
    esac
  done
  echo "   $total answers checked ($(( total / duration )) req/s over all classes)"

  # Memory and descriptors: the first sample after warm-up against the last.
  local first="${samples[1]:-${samples[0]}}" last="${samples[-1]}"
  read -r t1 rss1 fd1 <<<"$first"; read -r t2 rss2 fd2 <<<"$last"
  echo "   RSS ${rss1} kB at ${t1}s → ${rss2} kB at ${t2}s; open fds ${fd1} → ${fd2}"
  [ "$rss2" -le $((rss1 * 13 / 10 + 16384)) ] || fail "$label: resident memory grew from $rss1 kB to $rss2 kB"
  [ "$fd2" -le $((fd1 + 8)) ] || fail "$label: open descriptors grew from $fd1 to $fd2"

  local refresh_failures
  refresh_failures=$(curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^entraauth_key_refresh_failures_total/ {print $2}')
  grep -q "signing keys not refreshed" "$work/aad-func.log" && [ "${refresh_failures:-0}" -gt 0 ] \
    && echo "   provider down: last good keys kept serving; refresh failures counted ($refresh_failures) and logged" \
    || fail "$label: no logged/counted refresh failure after the provider stopped"

  # SIGTERM under load: every answer right, clean exit.
  CLASS=valid-during-sigterm EXPECT=200 wrk -t1 -c8 -d6s --timeout 10s -s Tests/Soak/check.lua \
    -H "Authorization: Bearer $valid" "http://127.0.0.1:$port/api/admin" >"$work/wrk-sigterm.out" 2>&1 &
  local wrk_pid=$!
  sleep 2
  kill -TERM "$aad_pid"
  local status=0
  wait "$aad_pid" || status=$?
  wait "$wrk_pid" || true
  local line
  line=$(grep '^class=' "$work/wrk-sigterm.out" || echo "missing")
  echo "   SIGTERM under load: aad-func exited $status; $line"
  [ "$status" = 0 ] || fail "$label: aad-func exited $status after SIGTERM"
  case $line in *" mismatches=0 "*) ;; *) fail "$label: wrong answers during shutdown: $line" ;; esac
}

run_phase 10000
run_phase 0

if [ $failures -gt 0 ]; then
  echo "soak: $failures failure(s)"
  exit 1
fi
echo "soak: all checks passed"
