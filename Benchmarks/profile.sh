#!/usr/bin/env bash
# Benchmarks/profile.sh — where aad-func's time goes on one route, by instruction counts.
#
#   Benchmarks/profile.sh [cached|nocache|badsig|claims] [REQUESTS]
#
# Runs the release aad-func under `valgrind --tool=callgrind` against the identity emulator,
# sends a warm-up, zeroes the counters, sends REQUESTS (default 2000; 200 for nocache) keep-alive
# GETs on one connection, dumps, and prints the top functions by inclusive cost. callgrind counts
# instructions, not time, so the figures repeat whatever else the machine is doing; they leave out
# the kernel (socket reads and writes) and lock waits. (HOST=127.0.0.1 is set for aad-func and so
# for callgrind_control too: valgrind names its control pipes after $HOST.) The raw profile is kept as
# Benchmarks/.profile/callgrind.out.MODE (gitignored) for callgrind_annotate or kcachegrind.
# Needs a release build (`swift build -c release`) and valgrind (apt-get install valgrind).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=${1:-cached}
case "$MODE" in cached|badsig|claims) REQUESTS=${2:-2000} ;; nocache) REQUESTS=${2:-200} ;; *) echo "usage: $0 [cached|nocache|badsig|claims] [REQUESTS]" >&2; exit 2 ;; esac
BIN=$(swift build -c release --package-path "$ROOT" --show-bin-path)
command -v valgrind >/dev/null || apt-get install -y -q valgrind >/dev/null
OUT="$ROOT/Benchmarks/.profile"; mkdir -p "$OUT"
WORK=$(mktemp -d); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN/entra-auth" emulator --port 0 >"$WORK/emulator.env" 2>/dev/null & PIDS+=($!)
for _ in $(seq 1 300); do grep -q '^AUTH_AUTHORITY=' "$WORK/emulator.env" && break; sleep 0.1; done
AUTHORITY=$(sed -n 's/^AUTH_AUTHORITY=//p' "$WORK/emulator.env")
ENDPOINT=$(sed -n 's/^IDENTITY_ENDPOINT=//p' "$WORK/emulator.env")
SECRET=$(sed -n 's/^IDENTITY_HEADER=//p' "$WORK/emulator.env")
TOKEN=$(curl -s -H "X-IDENTITY-HEADER: $SECRET" "$ENDPOINT?api-version=2019-08-01&resource=api://aad-func" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
PATH_=/api/admin; CACHE=10000
[ "$MODE" = nocache ] && CACHE=0
[ "$MODE" = claims ] && PATH_=/api/claims
if [ "$MODE" = badsig ]; then sig=${TOKEN##*.}; mid=$(( ${#sig} / 2 )); r=A; [ "${sig:$mid:1}" = A ] && r=B; TOKEN="${TOKEN%.*}.${sig:0:$mid}$r${sig:$((mid + 1))}"; fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# valgrind 3.19 dies (SIGSEGV inside valgrind) when an async `main` parks the main thread in
# libdispatch's sigsuspend loop; a preloaded sigsuspend that just sleeps avoids it. The server
# is stopped with SIGKILL at the end, so nothing needs the main thread's signals.
printf '#include <signal.h>\n#include <unistd.h>\nint sigsuspend(const sigset_t *m) { (void)m; for (;;) sleep(3600); }\n' >"$WORK/shim.c"
cc -shared -fPIC -O2 -o "$WORK/shim.so" "$WORK/shim.c"

LD_PRELOAD="$WORK/shim.so" PORT=$PORT HOST=127.0.0.1 AUTH_AUTHORITY=$AUTHORITY AUTH_AUDIENCE=api://aad-func AUTH_TOKEN_CACHE_SIZE=$CACHE \
  valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out.$MODE" "$BIN/aad-func" >"$WORK/aad-func.log" 2>&1 &
SERVER=$!; PIDS+=($SERVER)
# Up once /api/admin no longer answers 503 (keys loaded); the emulator signs with the valid token.
for _ in $(seq 1 900); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$PATH_" || true)
  [ "$code" = 000 ] || [ "$code" = 503 ] || break; sleep 0.2
done

send() {  # send COUNT: COUNT GETs on one keep-alive connection; prints the status codes seen
  python3 - "$PORT" "$PATH_" "$TOKEN" "$1" <<'EOF'
import collections, http.client, sys
port, path, token, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
codes = collections.Counter()
for _ in range(count):
    connection.request("GET", path, headers={"Authorization": "Bearer " + token})
    response = connection.getresponse(); response.read(); codes[response.status] += 1
print(dict(codes))
EOF
}
echo "warm-up: $(send 50)" >&2
HOST=127.0.0.1 callgrind_control -z "$SERVER" >/dev/null
echo "measured: $(send "$REQUESTS") on $PATH_ (cache $CACHE)" >&2
HOST=127.0.0.1 callgrind_control -d "$SERVER" >/dev/null
sleep 1
PROFILE=$(ls -t "$OUT/callgrind.out.$MODE"* | head -1)
TOTAL=$(callgrind_annotate "$PROFILE" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1}')
echo "instructions per request: $(( TOTAL / REQUESTS )) ($TOTAL over $REQUESTS requests)"
callgrind_annotate --inclusive=yes "$PROFILE" 2>/dev/null | swift demangle --simplified | sed -n '/Ir/,$p' | head -60
