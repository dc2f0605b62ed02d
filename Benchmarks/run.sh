#!/usr/bin/env bash
# Benchmarks/run.sh — EntraAuth beside its peers, on this machine, in one run, as ratios.
#
#   Benchmarks/run.sh                 # everything: hello, auth-cached, auth-nocache, auth-badsig, crypto
#   Benchmarks/run.sh auth-cached     # one or more scenarios by name
#   Benchmarks/run.sh --quick         # CI: one short round of each (checks that it all works, not figures)
#
# Scenarios (HTTP: wrk, CONNECTIONS keep-alive connections, alternating rounds, medians):
#   hello         GET /hello: hello-server vs Hummingbird 2 (hb-hello)
#   auth-cached   GET /api/admin, valid DoAll token, token cache on: aad-func vs Hummingbird+jwt-kit
#                 vs Hummingbird+EntraAuthCore, and hello-server's /hello in the same rounds
#   auth-nocache  the same with AUTH_TOKEN_CACHE_SIZE=0 (every request verifies the RS256 signature)
#   auth-badsig   GET /api/admin with the token's signature changed: refusals (401) per second
#   crypto        jose-bench vs jwt-bench (jwt-kit, swift-crypto) and `openssl speed` when installed
#
# Knobs (environment): ROUNDS=3 DURATION=10 (seconds per wrk run) CONNECTIONS=64 THREADS=2 (wrk)
#   CRYPTO_SECONDS=2 (per crypto figure) SKIP_BUILD=1 (use existing release builds)
# Keys and tokens come from this repository's identity emulator (`entra-auth emulator`) on
# loopback: discovery + JWKS for every server, tokens minted once from its App Service endpoint.
# Before timing, every server must answer correctly (200 valid, 403 role-less, 401 bad signature
# and no token) or it is left out and the script fails: a broken server cannot win.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS_DIR="$ROOT/Benchmarks/peers"
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-64}; THREADS=${THREADS:-2}
CRYPTO_SECONDS=${CRYPTO_SECONDS:-2}
SCENARIOS=()
for arg in "$@"; do
  case "$arg" in
    --quick) ROUNDS=1; DURATION=2; CRYPTO_SECONDS=0.3 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    hello|auth-cached|auth-nocache|auth-badsig|crypto) SCENARIOS+=("$arg") ;;
    *) echo "run.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(hello auth-cached auth-nocache auth-badsig crypto)

WORK=$(mktemp -d)
PIDS=()
FAILED=0
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { printf '%s\n' "$*" >&2; }

# --- tools --------------------------------------------------------------------------------------
install_pkg() {  # install_pkg COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  say "installing $2 (apt-get)..."
  { apt-get install -y -q "$2" || { apt-get update -q && apt-get install -y -q "$2"; }; } >/dev/null 2>&1 \
    || { say "run.sh: cannot install $2; install it and retry"; exit 2; }
}
install_pkg wrk wrk
install_pkg curl curl
command -v python3 >/dev/null || install_pkg python3 python3-minimal

# --- builds -------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building EntraAuth (release)..."
  swift build -c release --package-path "$ROOT" >"$WORK/build-ours.log" 2>&1 \
    || { tail -30 "$WORK/build-ours.log" >&2; exit 2; }
  say "building the peers in Benchmarks/peers (release; the first time takes several minutes)..."
  swift build -c release --package-path "$PEERS_DIR" >"$WORK/build-peers.log" 2>&1 \
    || { tail -30 "$WORK/build-peers.log" >&2; exit 2; }
fi
OURS=$(swift build -c release --package-path "$ROOT" --show-bin-path)
PEERS=$(swift build -c release --package-path "$PEERS_DIR" --show-bin-path)
for bin in "$OURS/aad-func" "$OURS/hello-server" "$OURS/jose-bench" "$OURS/entra-auth" \
           "$PEERS/hb-hello" "$PEERS/hb-jwtkit" "$PEERS/hb-entraauth" "$PEERS/jwt-bench"; do
  [ -x "$bin" ] || { say "run.sh: $bin is missing (build failed, or SKIP_BUILD=1 without a build)"; exit 2; }
done

# --- helpers ------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() {  # wait_http URL PID
  for _ in $(seq 1 300); do
    curl -s -o /dev/null -m 1 "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print 0}'; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1] or 0),float(sys.argv[2] or 0); print(f'{a/b:.2f}' if b else 'n/a')" "$1" "$2"; }
code_of() { curl -s -o /dev/null -w '%{http_code}' -m 10 "$@"; }

# start NAME COMMAND... : starts a server on a fresh port ($PORT) and sets URL_BASE[NAME]
declare -A BASE PID_OF
start() {
  local name=$1; shift
  local port; port=$(free_port)
  env PORT="$port" HOST=127.0.0.1 "$@" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid"); PID_OF[$name]=$pid; BASE[$name]="http://127.0.0.1:$port"
  local probe=/hello; [[ $name == *hello* ]] || probe=/healthz
  wait_http "${BASE[$name]}$probe" "$pid" || { say "run.sh: $name did not start:"; tail -5 "$WORK/$name.log" >&2; exit 2; }
}
stop() {
  local pid=${PID_OF[$1]}
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
}

# --- identity provider and tokens ---------------------------------------------------------------
need_tokens() {
  [ -n "${AUTH_AUTHORITY:-}" ] && return 0
  "$OURS/entra-auth" emulator --port 0 >"$WORK/emulator.env" 2>"$WORK/emulator.log" &
  PIDS+=($!)
  for _ in $(seq 1 300); do grep -q '^AUTH_AUTHORITY=' "$WORK/emulator.env" && break; sleep 0.1; done
  grep -q '^AUTH_AUTHORITY=' "$WORK/emulator.env" || { say "run.sh: the emulator did not start"; cat "$WORK/emulator.log" >&2; exit 2; }
  AUTH_AUTHORITY=$(sed -n 's/^AUTH_AUTHORITY=//p' "$WORK/emulator.env")
  IDENTITY_ENDPOINT=$(sed -n 's/^IDENTITY_ENDPOINT=//p' "$WORK/emulator.env")
  IDENTITY_HEADER=$(sed -n 's/^IDENTITY_HEADER=//p' "$WORK/emulator.env")
  AUTH_AUDIENCE=api://aad-func
  mint() {  # mint [client_id]: an access token for api://aad-func from the App Service endpoint
    curl -s -m 30 -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" \
      "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=$AUTH_AUDIENCE${1:+&client_id=$1}" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
  }
  TOKEN_VALID=$(mint)                                          # msi-func: holds DoAll
  TOKEN_ROLELESS=$(mint 6b2d4f8a-3c5e-4a7b-9d0f-1e3a5c7e9b2d)  # reader-func: no role
  # The signature with one base64url character in its middle changed: 6 bits of one byte flipped.
  local sig=${TOKEN_VALID##*.} head=${TOKEN_VALID%.*}
  local mid=$(( ${#sig} / 2 )) c=${sig:$(( ${#sig} / 2 )):1} r=A
  [ "$c" = A ] && r=B
  TOKEN_BADSIG="$head.${sig:0:$mid}$r${sig:$((mid + 1))}"
  export AUTH_AUTHORITY AUTH_AUDIENCE
  say "identity emulator at $AUTH_AUTHORITY; tokens: valid ${#TOKEN_VALID} bytes, role-less, bad signature"
}

# check NAME: the server must give the right answer for every kind of token, or it is dropped.
check_auth() {
  local name=$1 url="${BASE[$1]}/api/admin" got ok=1
  # /healthz answers before the signing keys are loaded: wait while the valid token gets 503.
  for _ in $(seq 1 100); do [ "$(code_of -H "Authorization: Bearer $TOKEN_VALID" "$url")" = 503 ] || break; sleep 0.1; done
  for case in "valid 200 $TOKEN_VALID" "role-less 403 $TOKEN_ROLELESS" "bad-signature 401 $TOKEN_BADSIG" "no-token 401 -"; do
    set -- $case
    if [ "$3" = - ]; then got=$(code_of "$url"); else got=$(code_of -H "Authorization: Bearer $3" "$url"); fi
    if [ "$got" != "$2" ]; then say "CHECK FAILED: $name answered $got to a $1 token (expected $2)"; ok=0; fi
  done
  if [ "$ok" = 1 ] && ! curl -s -m 10 -H "Authorization: Bearer $TOKEN_VALID" "$url" | grep -q DoAll; then
    say "CHECK FAILED: $name's 200 answer does not carry the caller's claims"; ok=0
  fi
  [ "$ok" = 1 ] || FAILED=1
  return $((1 - ok))
}
check_hello() {
  local body; body=$(curl -s -m 10 "${BASE[$1]}/hello")
  [ "$body" = ok ] || { say "CHECK FAILED: $1 answered '$body' to GET /hello"; FAILED=1; return 1; }
}

# bench SCENARIO EXPECT TOKEN NAME=PATH ... : alternating wrk rounds; prints one RESULT line per side.
# EXPECT is 2xx (every answer must be 2xx) or refused (every answer must be non-2xx).
bench() {
  local scenario=$1 expect=$2 token=$3; shift 3
  local sides=() header=()
  [ "$token" = - ] || header=(-H "Authorization: Bearer $token")
  for spec in "$@"; do sides+=("${spec%%=*}"); : >"$WORK/$scenario.${spec%%=*}.rps"; : >"$WORK/$scenario.${spec%%=*}.p99"; done
  for round in $(seq 1 "$ROUNDS"); do
    for spec in "$@"; do
      local name=${spec%%=*} path=${spec#*=} out total bad
      out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${header[@]}" "${BASE[$name]}$path" 2>&1)
      total=$(awk '/requests in/ {print $1}' <<<"$out")
      bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); bad=${bad:-0}
      if [ "$expect" = 2xx ] && [ "$bad" != 0 ]; then say "WARNING: $name gave $bad non-2xx answers in round $round"; FAILED=1; fi
      if [ "$expect" = refused ] && [ "$bad" != "$total" ]; then say "WARNING: $name accepted $((total - bad)) bad tokens in round $round"; FAILED=1; fi
      awk '/Requests\/sec/ {print $2}' <<<"$out" >>"$WORK/$scenario.$name.rps"
      awk '/ 99%/ {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms$/,"",v); else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out" >>"$WORK/$scenario.$name.p99"
      say "  $scenario round $round/$ROUNDS $name: $(tail -1 "$WORK/$scenario.$name.rps") req/s"
    done
  done
  local first=${sides[0]} base
  base=$(median <"$WORK/$scenario.$first.rps")
  for name in "${sides[@]}"; do
    local value; value=$(median <"$WORK/$scenario.$name.rps")
    printf 'RESULT %-13s %-13s req/s=%-9s p99_ms=%-6s %s/%s=%s\n' "$scenario" "$name" "$value" \
      "$(median <"$WORK/$scenario.$name.p99")" "$first" "$name" "$(ratio "$base" "$value")"
    echo "$value" >"$WORK/$scenario.$name.median"
  done
}
target() {  # target LABEL VALUE MINIMUM
  local verdict; verdict=$(python3 -c "import sys; print('met' if float(sys.argv[1]) >= float(sys.argv[2]) else 'MISSED')" "$2" "$3")
  printf 'TARGET %-44s %6s (>= %s) %s\n' "$1" "$2" "$3" "$verdict"
}
med() { cat "$WORK/$1.median" 2>/dev/null || echo 0; }

start_auth_servers() {  # start_auth_servers CACHE_SIZE
  start aad-func env AUTH_TOKEN_CACHE_SIZE="$1" "$OURS/aad-func"
  start hb-jwtkit "$PEERS/hb-jwtkit"
  start hb-entraauth env AUTH_TOKEN_CACHE_SIZE="$1" "$PEERS/hb-entraauth"
  AUTH_SIDES=()
  for name in aad-func hb-jwtkit hb-entraauth; do check_auth "$name" && AUTH_SIDES+=("$name=/api/admin"); done
  [[ " ${AUTH_SIDES[*]} " == *" aad-func="* ]] || { say "run.sh: aad-func fails its checks; nothing to compare"; exit 1; }
}
stop_auth_servers() { stop aad-func; stop hb-jwtkit; stop hb-entraauth; }

say "settings: ROUNDS=$ROUNDS DURATION=${DURATION}s CONNECTIONS=$CONNECTIONS THREADS=$THREADS, $(nproc) cores, $(date -u +%FT%TZ)"

# --- scenarios ----------------------------------------------------------------------------------
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
    hello)
      start hello-server "$OURS/hello-server"; start hb-hello "$PEERS/hb-hello"
      check_hello hello-server && check_hello hb-hello
      bench hello 2xx - hello-server=/hello hb-hello=/hello
      stop hello-server; stop hb-hello ;;
    auth-cached)
      need_tokens
      start_auth_servers 10000
      start hello-server "$OURS/hello-server"; check_hello hello-server
      bench auth-cached 2xx "$TOKEN_VALID" "${AUTH_SIDES[@]}" hello-server=/hello
      target "auth-cached: aad-func / hb-jwtkit" "$(ratio "$(med auth-cached.aad-func)" "$(med auth-cached.hb-jwtkit)")" 8
      target "auth-cached: aad-func / hello-server" "$(ratio "$(med auth-cached.aad-func)" "$(med auth-cached.hello-server)")" 0.6
      stop_auth_servers; stop hello-server ;;
    auth-nocache)
      need_tokens
      start_auth_servers 0
      bench auth-nocache 2xx "$TOKEN_VALID" "${AUTH_SIDES[@]}"
      target "auth-nocache: aad-func / hb-jwtkit" "$(ratio "$(med auth-nocache.aad-func)" "$(med auth-nocache.hb-jwtkit)")" 2
      stop_auth_servers ;;
    auth-badsig)
      need_tokens
      start_auth_servers 10000
      bench auth-badsig refused "$TOKEN_BADSIG" "${AUTH_SIDES[@]}"
      target "auth-badsig: aad-func / hb-jwtkit refusals" "$(ratio "$(med auth-badsig.aad-func)" "$(med auth-badsig.hb-jwtkit)")" 2
      stop_auth_servers ;;
    crypto)
      say "crypto: ${CRYPTO_SECONDS}s per figure (CPU time)"
      ours=$(BENCH_SECONDS=$CRYPTO_SECONDS "$OURS/jose-bench" sha256 rs256-verify es256-verify rs256-token es256-token)
      peer=$(BENCH_SECONDS=$CRYPTO_SECONDS "$PEERS/jwt-bench")
      get() { awk -v n="$2" '$1 == n {print $2; exit}' <<<"$1"; }
      printf 'RESULT crypto rs256-token  jose-bench=%-9s jwt-kit=%-9s ours/jwt-kit=%s\n' "$(get "$ours" rs256-token)" "$(get "$peer" jwtkit-rs256-token)" "$(ratio "$(get "$ours" rs256-token)" "$(get "$peer" jwtkit-rs256-token)")"
      printf 'RESULT crypto es256-token  jose-bench=%-9s jwt-kit=%-9s ours/jwt-kit=%s\n' "$(get "$ours" es256-token)" "$(get "$peer" jwtkit-es256-token)" "$(ratio "$(get "$ours" es256-token)" "$(get "$peer" jwtkit-es256-token)")"
      printf 'RESULT crypto rs256-verify jose-bench=%-9s swift-crypto=%-9s ours/swift-crypto=%s\n' "$(get "$ours" rs256-verify)" "$(get "$peer" crypto-rs256-verify)" "$(ratio "$(get "$ours" rs256-verify)" "$(get "$peer" crypto-rs256-verify)")"
      printf 'RESULT crypto es256-verify jose-bench=%-9s swift-crypto=%-9s ours/swift-crypto=%s\n' "$(get "$ours" es256-verify)" "$(get "$peer" crypto-es256-verify)" "$(ratio "$(get "$ours" es256-verify)" "$(get "$peer" crypto-es256-verify)")"
      if command -v openssl >/dev/null; then
        secs=$(python3 -c "import math, sys; print(max(1, math.ceil(float(sys.argv[1]))))" "$CRYPTO_SECONDS")
        o_rsa=$(openssl speed -seconds "$secs" rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $NF}')
        o_ec=$(openssl speed -seconds "$secs" ecdsap256 2>/dev/null | awk '/256 bits ecdsa \(nistp256\)/ {print $NF}')
        o_sha=$(openssl speed -seconds "$secs" -bytes 8192 sha256 2>/dev/null | awk '/^sha256/ {v=$NF; sub(/k$/,"",v); print v/1000}')
        printf 'RESULT crypto rs256-verify jose-bench=%-9s openssl=%-9s ours/openssl=%s\n' "$(get "$ours" rs256-verify)" "$o_rsa" "$(ratio "$(get "$ours" rs256-verify)" "$o_rsa")"
        printf 'RESULT crypto es256-verify jose-bench=%-9s openssl=%-9s ours/openssl=%s\n' "$(get "$ours" es256-verify)" "$o_ec" "$(ratio "$(get "$ours" es256-verify)" "$o_ec")"
        printf 'RESULT crypto sha256-MB/s  jose-bench=%-9s openssl=%-9s ours/openssl=%s\n' "$(get "$ours" sha256)" "$o_sha" "$(ratio "$(get "$ours" sha256)" "$o_sha")"
      else
        say "openssl is not installed: no openssl speed figures"
      fi ;;
  esac
done

if [ "$FAILED" != 0 ]; then say "run.sh: some checks failed (see CHECK FAILED / WARNING above)"; exit 1; fi
