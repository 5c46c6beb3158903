#!/usr/bin/env bash
# Tollgate's performance budget (issue 8) in one command: builds what it needs, installs wrk when
# missing, runs every row against a baseline measured in the same run, prints the table and writes
# it to bench/RESULTS.md. Logs and raw samples go to bench/results/ (git-ignored).
#
#   ./bench/run.sh                  # the full run (about 15 minutes on 2 cores)
#   BENCH_QUICK=1 ./bench/run.sh    # fewer rounds and shorter runs, to try the script out
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./bench/run.sh   # on another JDK (every JVM,
#                                   # the launcher's included, and the build)
#   taskset -c 0 ./bench/run.sh     # on one CPU (everything inherits the affinity)
#   BENCH_OUT=bench/RESULTS-jdk25.md ./bench/run.sh   # the table elsewhere than bench/RESULTS.md
#   BENCH_FLOOD_RATE=0 ./bench/run.sh flood   # the flood of wrong tokens unpaced (default: paced to a
#                                   # tenth of the valid client's rate alone; N: to N req/s)
#                                   # (default: as fast as the server answers)
#   ./bench/run.sh start cli        # only some rows (groups below); their table goes to
#                                   # bench/results/<stamp>/RESULTS.md, not bench/RESULTS.md
#
# Row groups: jmh (authenticate, last-use tracking, authorize), ping (/ping vs --disable-authz ping), plateau (/ping
# plateau and warm-up vs the hello-world), forward-auth (its plateau, direct and nginx rows), start
# (empty-store start), million (1,000,000-token start; runs start too, its baseline), cli
# (--version, create token), rate (creation rate), rss, recovery (Argon2id, no budget), flood
# (wrong tokens from 1,000 addresses: valid req/s, RSS, audit coalescing), cluster (two nodes on
# one PostgreSQL: revocation latency, creation rate, authenticate on a node; uses the Debian
# `postgresql` package, installed when missing, and a throwaway cluster of its own).
#
# Every budget is a ratio to a baseline measured in the same run, on the same JDK and CPUs, so that
# the table holds on a slower or busier machine. Every figure is a median over rounds; A/B pairs
# run interleaved (A B A B ...), and a row whose spread (max-min over median) is large gets extra
# rounds.
set -euo pipefail

groups=(jmh ping plateau forward-auth start million cli rate rss recovery flood cluster)
selected=()
for arg in "$@"; do
  [[ " ${groups[*]} " == *" $arg "* ]] ||
    { echo "bench: unknown row group '$arg' (one of: ${groups[*]})" >&2; exit 2; }
  selected+=("$arg")
done
# the 1,000,000-token start is a ratio to the empty-store start
[[ " ${selected[*]} " != *" million "* || " ${selected[*]} " == *" start "* ]] || selected+=(start)
want() { ((${#selected[@]} == 0)) || [[ " ${selected[*]} " == *" $1 "* ]]; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick="${BENCH_QUICK:-0}"
out_file="${BENCH_OUT:-bench/RESULTS.md}"
# a run of some rows only writes its table to its own log directory unless BENCH_OUT says where
((${#selected[@]} == 0)) || [[ -n "${BENCH_OUT:-}" ]] || out_file=""
[[ -z "$out_file" || "$out_file" == /* ]] || out_file="$root/$out_file"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$root/bench/results/$stamp"
mkdir -p "$work"
exec > >(tee "$work/run.log") 2>&1

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
if [[ "$quick" == 1 ]]; then
  jmh_rounds=1 jmh_iter=3 jmh_secs=1 wrk_secs=4 wrk_rounds=2 start_rounds=3 seed_count=1000000
  rate_warm_secs=10 series_secs=20 series_rounds=1
  cli_rounds=5 create_rounds=4 rate_secs=4 rate_rounds=2 rss_requests=200000
else
  jmh_rounds=3 jmh_iter=3 jmh_secs=1 wrk_secs=10 wrk_rounds=4 start_rounds=7 seed_count=1000000
  rate_warm_secs=30 series_secs=60 series_rounds=2
  cli_rounds=15 create_rounds=10 rate_secs=10 rate_rounds=3 rss_requests=1000000
fi

# ---------------------------------------------------------------------------------------------
# tools and build
# ---------------------------------------------------------------------------------------------
install_packages() {
  local sudo=()
  [[ "$(id -u)" -ne 0 ]] && sudo=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -q "$@" >/dev/null ||
    { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q "$@" >/dev/null; }
}
command -v wrk >/dev/null || { say "installing wrk"; install_packages wrk; }
# the JDK: $JAVA_HOME's when set (as the launcher does), else the one on the PATH
if [[ -n "${JAVA_HOME:-}" ]]; then
  java_bin="$JAVA_HOME/bin/java"
  jcmd_bin="$JAVA_HOME/bin/jcmd"
else
  java_bin="$(command -v java)" || { echo "bench: needs a JDK 17+ (JAVA_HOME or java on the PATH)" >&2; exit 1; }
  jcmd_bin="$(dirname "$(readlink -f "$java_bin")")/jcmd"
fi
[[ -x "$java_bin" ]] || { echo "bench: $java_bin is not executable" >&2; exit 1; }
have_jcmd=0
[[ -x "$jcmd_bin" ]] && have_jcmd=1
java_feature="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
# The JVM options of `./tollgate serve` (the launcher's serve_opts and, on newer JDKs, its
# warning switches; not its start-up archive). The Javalin hello-world of the plateau rows
# runs with them, so that both plateaus are the same JIT and GC at work: keep in step with the
# launcher.
serve_flags=(-XX:+UseSerialGC -XX:NewRatio=8)
((java_feature >= 22)) && serve_flags+=(--enable-native-access=ALL-UNNAMED)
((java_feature >= 24)) && serve_flags+=(--sun-misc-unsafe-memory-access=allow)

say "building app and bench"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl app,bench -am package >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; exit 1; }
benchjar="$root/bench/target/benchmarks.jar"
hello_javalin="$root/bench/target/hello-javalin.jar"
hello_picocli="$root/bench/target/hello-picocli.jar"
# first use of the launcher after a build prepares its class-data archives; not timed
./tollgate --version >/dev/null

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
stats() { # stdin: one number a line -> "median min max n"
  sort -g | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; print m, a[1], a[NR], NR}'
}
median_of() { stats <"$1" | cut -d' ' -f1; }
spread_of() { stats <"$1" | awk '{print ($1 > 0 ? ($3-$2)/$1 : 0)}'; }
large() { awk -v s="$1" -v lim="$2" 'BEGIN {exit !(s > lim)}'; }
calc() { awk "BEGIN {printf \"%.${2:-2}f\", $1}"; }

exec {nap_fd}<> <(:) # a pipe nobody writes: read -t on it sleeps without forking
nap() { read -r -t "$1" -u "$nap_fd" _ || true; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! { : 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

probe_200() { # port path [header]: 0 when the answer is HTTP 200
  local line=""
  {
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n' "$2" "${3:-}" >&3
    IFS= read -r -t 5 line <&3
  } 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  [[ "$line" == "HTTP/1.1 200"* ]]
}

# start_timed LOG PORT CMD...: starts CMD in the background, waits for the first 200 on /health;
# sets started_pid and started_ms (process start to first 200, wall clock).
start_timed() {
  local log="$1" port="$2"
  shift 2
  local t0 t1 deadline
  t0="$EPOCHREALTIME"
  "$@" >"$log" 2>&1 &
  started_pid=$!
  all_pids+=("$started_pid")
  deadline=$((${t0%.*} + 120))
  until probe_200 "$port" /health; do
    if ! kill -0 "$started_pid" 2>/dev/null; then
      echo "bench: process died while starting: $*" >&2
      cat "$log" >&2
      exit 1
    fi
    ((${EPOCHREALTIME%.*} < deadline)) || { echo "bench: no 200 within 120 s: $*" >&2; exit 1; }
    nap 0.004
  done
  t1="$EPOCHREALTIME"
  started_ms="$(calc "($t1 - $t0) * 1000" 1)"
}

all_pids=()
cleanup() {
  local pid
  for pid in "${all_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  declare -F pg_stop >/dev/null && pg_stop # the cluster group's PostgreSQL
}
trap cleanup EXIT

stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

time_ms() { # CMD...: wall time in ms; the command's output goes to $work/cmd.out
  local t0 t1
  t0="$EPOCHREALTIME"
  "$@" >"$work/cmd.out" 2>&1 || { cat "$work/cmd.out" >&2; echo "bench: failed: $*" >&2; exit 1; }
  t1="$EPOCHREALTIME"
  calc "($t1 - $t0) * 1000" 1
  echo
}

# DATA_DIR PORT [extra serve args...] -> starts ./tollgate serve, sets started_pid/ms. /health is
# exempt from authentication (--disable-authz health, or $authz) so that it can answer 200.
serve() {
  local dir="$1" port="$2"
  shift 2
  start_timed "$work/serve-$port.log" "$port" \
    ./tollgate serve --data-dir "$dir" --http-bind "127.0.0.1:$port" --disable-authz "${authz:-health}" "$@"
}

operator_token() { # PORT -> creates the operator token, prints it
  curl -sf -X POST "http://127.0.0.1:$1/api/v3/configure/token/admin" |
    sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p'
}

heap_used_mib() { # jcmd GC.heap_info output -> MiB used, summed over the generations (or the G1 heap)
  awk '/(generation|garbage-first heap|PSYoungGen|ParOldGen)/ && / used / {
    for (f = 1; f <= NF; f++) if ($f == "used") {v = $(f+1); sub(/K.*/, "", v); sum += v}
  } END {if (sum > 0) print int(sum / 1024)}' "$1"
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ---------------------------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------------------------
rows=()
failures=0
row() { # what measured baseline ratio budget pass(0/1)
  local mark=PASS
  [[ "$6" == 1 ]] || { mark=FAIL; failures=$((failures + 1)); }
  rows+=("| $1 | $2 | $3 | $4 | $5 | $mark |")
  say "ROW $1: $2 vs $3 -> $4 (budget $5) $mark"
}
le() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b) ? 1 : 0}'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN {print (a >= b) ? 1 : 0}'; }
fmt_stats() { stats <"$1" | awk -v u="$2" '{printf "%s %s (%s–%s, n=%d)", $1, u, $2, $3, $4}'; }

# ---------------------------------------------------------------------------------------------
# 1-3. authenticate in process (JMH)
# ---------------------------------------------------------------------------------------------
if want jmh; then
  say "JMH: AuthenticateBenchmark (storedTokens 10, 10000, 1000000)"
  run_jmh() {
    "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.AuthenticateRows "$jmh_rounds" "$jmh_iter" "$jmh_secs" >"$work/jmh.log" 2>&1 ||
      { tail -50 "$work/jmh.log"; exit 1; }
  }
  run_jmh
  # The SHA-512 baseline does the same work at every size: when its medians differ by more than 30%,
  # load from elsewhere hit the run, so it is repeated once (the first log is kept as jmh-1.log).
  if awk '$1 == "RESULT" && $2 == "sha512Baseline" {v[n++] = $4} END {
        lo = v[0]; hi = v[0]; for (i in v) {if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i]}
        exit !(hi > lo * 1.3)}' "$work/jmh.log"; then
    say "SHA-512 baseline differs by more than 30% between sizes (machine busy): JMH again"
    mv "$work/jmh.log" "$work/jmh-1.log"
    run_jmh
  fi
  jmh() { awk -v b="$1" -v n="$2" '$1 == "RESULT" && $2 == b && $3 == n {print $4}' "$work/jmh.log"; }
  jmh_range() { awk -v b="$1" -v n="$2" '$1 == "RESULT" && $2 == b && $3 == n {printf "%s–%s", $5, $6}' "$work/jmh.log"; }
  for n in 10 10000 1000000; do
    sha="$(jmh sha512Baseline "$n")"
    for b in authenticateValid authenticateUnknown; do
      v="$(jmh "$b" "$n")"
      r="$(calc "$v / $sha")"
      row "\`$b\`, $n stored tokens (ns/op)" "$v ($(jmh_range "$b" "$n"))" "SHA-512 $sha" "${r}×" "≤ 2.0×" "$(le "$r" 2.0)"
    done
  done
  # "Flat" as a ratio of ratios: authenticate / SHA-512 at N stored tokens against the same at 10,
  # each against the SHA-512 baseline measured at its own size (its own forks), so that a fork that
  # lands on a slower or busier CPU moves both sides of its ratio.
  for b in authenticateValid authenticateUnknown; do
    base="$(calc "$(jmh "$b" 10) / $(jmh sha512Baseline 10)" 4)"
    for n in 10000 1000000; do
      v="$(calc "$(jmh "$b" "$n") / $(jmh sha512Baseline "$n")" 4)"
      r="$(calc "$v / $base")"
      row "\`$b\` flat: (ns/op ÷ SHA-512) at $n vs at 10 stored tokens" "$(calc "$v" 3)" "$(calc "$base" 3)" \
        "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
    done
  done

  # ---------------------------------------------------------------------------------------------
  # 3a. authenticate with last-use tracking vs off (JMH, LastUseBenchmark, SPEC section 10)
  # ---------------------------------------------------------------------------------------------
  say "JMH: LastUseBenchmark (storedTokens 10, 100000)"
  "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.AuthenticateRows "$jmh_rounds" "$jmh_iter" "$jmh_secs" \
    LastUseBenchmark >"$work/jmh-lastuse.log" 2>&1 || { tail -50 "$work/jmh-lastuse.log"; exit 1; }
  lastuse_jmh() { awk -v b="$1" -v n="$2" '$1 == "RESULT" && $2 == b && $3 == n {print $4}' "$work/jmh-lastuse.log"; }
  for n in 10 100000; do
    on="$(lastuse_jmh authenticateTracked "$n")"
    off="$(lastuse_jmh authenticateUntracked "$n")"
    r="$(calc "$on / $off")"
    row "\`authenticate\` with last-use tracking vs off, $n stored tokens (ns/op)" "$on" "off $off" \
      "${r}×" "≤ 1.10×" "$(le "$r" 1.10)"
  done

  # ---------------------------------------------------------------------------------------------
  # 3b. authorize a resource token vs authenticate the same token (JMH, AuthorizeBenchmark)
  # ---------------------------------------------------------------------------------------------
  say "JMH: AuthorizeBenchmark (storedTokens 10, 1000000)"
  "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.AuthenticateRows "$jmh_rounds" "$jmh_iter" "$jmh_secs" \
    AuthorizeBenchmark >"$work/jmh-authorize.log" 2>&1 || { tail -50 "$work/jmh-authorize.log"; exit 1; }
  authz_jmh() { awk -v b="$1" -v n="$2" '$1 == "RESULT" && $2 == b && $3 == n {print $4}' "$work/jmh-authorize.log"; }
  for n in 10 1000000; do
    v="$(authz_jmh authorizePermitted "$n")"
    base="$(authz_jmh authenticateResourceToken "$n")"
    r="$(calc "$v / $base")"
    row "\`authorize\` of a resource token, permitted, $n stored tokens (ns/op)" "$v" \
      "\`authenticate\` of the same token $base" "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
  done
  # flat as a ratio of ratios, each side against the authenticate of its own fork
  r10="$(calc "$(authz_jmh authorizePermitted 10) / $(authz_jmh authenticateResourceToken 10)" 4)"
  r1m="$(calc "$(authz_jmh authorizePermitted 1000000) / $(authz_jmh authenticateResourceToken 1000000)" 4)"
  r="$(calc "$r1m / $r10")"
  row "\`authorize\` flat: (ns/op ÷ authenticate) at 1000000 vs at 10 stored tokens" "$(calc "$r1m" 3)" \
    "$(calc "$r10" 3)" "${r}×" "0.8–1.2×" "$(awk -v r="$r" 'BEGIN {print (r >= 0.8 && r <= 1.2) ? 1 : 0}')"
fi

# ---------------------------------------------------------------------------------------------
# 4. authenticated GET /ping vs the same server with --disable-authz ping (wrk, interleaved)
# ---------------------------------------------------------------------------------------------
if want ping; then
  say "HTTP: authenticated GET /ping vs --disable-authz ping"
  port_a="$(free_port)"
  serve "$work/data-ping-auth" "$port_a"
  pid_a="$started_pid"
  token_a="$(operator_token "$port_a")"
  [[ -n "$token_a" ]] || { echo "bench: no operator token" >&2; exit 1; }
  probe_200 "$port_a" /ping "Authorization: Bearer $token_a"$'\r\n' ||
    { echo "bench: authenticated /ping is not 200" >&2; exit 1; }
  # a resource token holding only system:ping:read, for the row of issue 13
  token_r="$(curl -s -X POST "http://127.0.0.1:$port_a/api/v3/enterprise/configure/token" \
    -H "Authorization: Bearer $token_a" -H 'Content-Type: application/json' \
    -d '{"token_name":"bench-ping","permissions":[{"resource_type":"system","resource_names":["ping"],"actions":["read"]}]}' |
    grep -o 'apiv3_[A-Za-z0-9_-]*' | head -1)"
  [[ -n "$token_r" ]] || { echo "bench: no resource token" >&2; exit 1; }
  port_b="$(free_port)"
  authz=health,ping serve "$work/data-ping-open" "$port_b"
  pid_b="$started_pid"
  probe_200 "$port_b" /ping || { echo "bench: /ping under --disable-authz is not 200" >&2; exit 1; }

  wrk_rps() { # label port [header]
    local out="$work/wrk-$1-$RANDOM.txt"
    if [[ -n "${3:-}" ]]; then
      wrk -t2 -c16 -d"${wrk_secs}s" -H "$3" "http://127.0.0.1:$2/ping" >"$out"
    else
      wrk -t2 -c16 -d"${wrk_secs}s" "http://127.0.0.1:$2/ping" >"$out"
    fi
    grep -q 'Non-2xx' "$out" && { echo "bench: non-2xx answers in $out" >&2; cat "$out" >&2; exit 1; }
    awk '/^Requests\/sec:/ {print $2}' "$out"
  }
  # warm-up of both JITs, not counted
  wrk_secs_saved="$wrk_secs"
  wrk_secs=5
  wrk_rps warm "$port_a" "Authorization: Bearer $token_a" >/dev/null
  wrk_rps warm "$port_b" "Authorization: Bearer $token_a" >/dev/null
  wrk_rps warm "$port_a" "Authorization: Bearer $token_r" >/dev/null
  wrk_secs="$wrk_secs_saved"
  : >"$work/ping-auth.txt"
  : >"$work/ping-open.txt"
  : >"$work/ping-resource.txt"
  ping_rounds() {
    for ((i = 0; i < $1; i++)); do
      wrk_rps auth "$port_a" "Authorization: Bearer $token_a" >>"$work/ping-auth.txt"
      wrk_rps open "$port_b" "Authorization: Bearer $token_a" >>"$work/ping-open.txt"
      wrk_rps resource "$port_a" "Authorization: Bearer $token_r" >>"$work/ping-resource.txt"
    done
  }
  ping_rounds "$wrk_rounds"
  if large "$(spread_of "$work/ping-auth.txt")" 0.10 || large "$(spread_of "$work/ping-open.txt")" 0.10; then
    say "large spread on /ping, two more rounds"
    ping_rounds 2
  fi
  stop_pid "$pid_a"
  stop_pid "$pid_b"
  a="$(median_of "$work/ping-auth.txt")"
  b="$(median_of "$work/ping-open.txt")"
  r="$(calc "$a / $b")"
  row "authenticated \`GET /ping\` (wrk -t2 -c16 ${wrk_secs}s, req/s)" "$(fmt_stats "$work/ping-auth.txt" "")" \
    "$(fmt_stats "$work/ping-open.txt" "") with \`--disable-authz ping\`" "${r}×" "≥ 0.95×" "$(ge "$r" 0.95)"
  a="$(median_of "$work/ping-resource.txt")"
  r="$(calc "$a / $b")"
  row "\`GET /ping\` with a \`system:ping:read\` resource token (wrk -t2 -c16 ${wrk_secs}s, req/s)" \
    "$(fmt_stats "$work/ping-resource.txt" "")" "$(fmt_stats "$work/ping-open.txt" "") with \`--disable-authz ping\`" \
    "${r}×" "≥ 0.95×" "$(ge "$r" 0.95)"
fi

# ---------------------------------------------------------------------------------------------
# 4b. warm-up and plateau from process start: authenticated GET /ping vs a Javalin hello-world
# ---------------------------------------------------------------------------------------------
# Each server is started fresh and loaded at once with wrk in 1 s steps (-t2 -c16, the same
# Authorization header for both) for $series_secs s; its plateau is the median of the last third
# of the steps, and its warm-up the time from the first request to the end of the first step from
# which a 3-step rolling median reaches 90% of that plateau. The hello-world runs on the same JDK
# with the server's JVM options ($serve_flags).
hello_header="Authorization: Bearer apiv3_$(printf 'A%.0s' {1..86})" # a token's length, 92 characters

load_series() { # PORT PATH HEADER OUT: one line a step: seconds since the first request, req/s
  local port="$1" path="$2" header="$3" out="$4" t0 rps s
  : >"$out"
  t0="$EPOCHREALTIME"
  for ((s = 0; s < series_secs; s++)); do
    wrk -t2 -c16 -d1s -H "$header" "http://127.0.0.1:$port$path" >"$work/step.txt" || true
    grep -q 'Non-2xx' "$work/step.txt" && { echo "bench: non-2xx answers on $path" >&2; cat "$work/step.txt" >&2; exit 1; }
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/step.txt")"
    echo "$(calc "$EPOCHREALTIME - $t0" 2) ${rps:-0}" >>"$out"
  done
}
plateau_of() { # SERIES -> median req/s of the last third of the steps
  local n
  n="$(wc -l <"$1")"
  tail -n "$((n / 3 > 0 ? n / 3 : 1))" "$1" | cut -d' ' -f2 | stats | cut -d' ' -f1
}
t90_of() { # SERIES PLATEAU -> seconds to 90% of the plateau (3-step rolling median)
  awk -v p="$2" '{t[NR] = $1; r[NR] = $2} END {
    for (i = 1; i <= NR - 2; i++) {
      a = r[i]; b = r[i + 1]; c = r[i + 2]
      m = (a > b) ? ((b > c) ? b : ((a > c) ? c : a)) : ((a > c) ? a : ((b > c) ? c : b))
      if (m >= 0.9 * p) {print t[i]; exit}
    }
    print t[NR]
  }' "$1"
}

# plateau_rows LABEL PATH: the two rows for Tollgate's PATH (authenticated with the operator token)
# against the hello-world's /ping, series_rounds rounds interleaved (hello-world first)
plateau_rows() {
  local label="$1" path="$2" round port token series p
  : >"$work/plateau-$label-hello.txt"
  : >"$work/plateau-$label-tollgate.txt"
  : >"$work/t90-$label-hello.txt"
  : >"$work/t90-$label-tollgate.txt"
  for ((round = 1; round <= series_rounds; round++)); do
    port="$(free_port)"
    start_timed "$work/hello-javalin-$label-$round.log" "$port" \
      "$java_bin" "${serve_flags[@]}" -jar "$hello_javalin" "$port"
    series="$work/series-$label-hello-$round.txt"
    load_series "$port" /ping "$hello_header" "$series"
    stop_pid "$started_pid"
    p="$(plateau_of "$series")"
    echo "$p" >>"$work/plateau-$label-hello.txt"
    t90_of "$series" "$p" >>"$work/t90-$label-hello.txt"

    port="$(free_port)"
    serve "$work/data-plateau-$label-$round" "$port"
    token="$(operator_token "$port")"
    [[ -n "$token" ]] || { echo "bench: no operator token" >&2; exit 1; }
    series="$work/series-$label-tollgate-$round.txt"
    load_series "$port" "$path" "Authorization: Bearer $token" "$series"
    stop_pid "$started_pid"
    p="$(plateau_of "$series")"
    echo "$p" >>"$work/plateau-$label-tollgate.txt"
    t90_of "$series" "$p" >>"$work/t90-$label-tollgate.txt"
  done
  local a b r
  a="$(median_of "$work/plateau-$label-tollgate.txt")"
  b="$(median_of "$work/plateau-$label-hello.txt")"
  r="$(calc "$a / $b")"
  row "authenticated \`GET $path\` plateau from a fresh start (wrk -t2 -c16, 1 s steps, last third of ${series_secs} s, req/s)" \
    "$(fmt_stats "$work/plateau-$label-tollgate.txt" "")" "$(fmt_stats "$work/plateau-$label-hello.txt" "") Javalin hello-world \`/ping\`" \
    "${r}×" "≥ 0.9×" "$(ge "$r" 0.9)"
  a="$(median_of "$work/t90-$label-tollgate.txt")"
  b="$(median_of "$work/t90-$label-hello.txt")"
  r="$(calc "$a / $b")"
  row "\`GET $path\`: first request under load → 90% of the plateau (s)" \
    "$(fmt_stats "$work/t90-$label-tollgate.txt" s)" "$(fmt_stats "$work/t90-$label-hello.txt" s) Javalin hello-world" \
    "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
}

if want plateau; then
  say "HTTP: warm-up and plateau of authenticated GET /ping vs Javalin hello-world, from process start"
  plateau_rows ping /ping
fi

# Forward authentication (issue 14): the plateau rows for /api/authz/forward-auth (as for /ping);
# direct: forward-auth with the operator token vs /ping exempt on the same server (wrk, interleaved);
# through nginx: the README's nginx configuration (app/src/test/resources/gateways) with Tollgate as
# the auth service vs the same nginx with an auth location that returns 200. When the endpoint does
# not answer 200 the rows are left out with a note.
forward_auth_path=/api/authz/forward-auth
forward_auth_note=""
nginx_conf_template="$root/app/src/test/resources/gateways/nginx-tollgate.conf"

wrk_path_rps() { # label port path [header]: req/s of one wrk run (-t2 -c16, $wrk_secs s)
  local out="$work/wrk-$1-$RANDOM.txt"
  if [[ -n "${4:-}" ]]; then
    wrk -t2 -c16 -d"${wrk_secs}s" -H "$4" "http://127.0.0.1:$2$3" >"$out"
  else
    wrk -t2 -c16 -d"${wrk_secs}s" "http://127.0.0.1:$2$3" >"$out"
  fi
  grep -q 'Non-2xx' "$out" && { echo "bench: non-2xx answers in $out" >&2; cat "$out" >&2; exit 1; }
  awk '/^Requests\/sec:/ {print $2}' "$out"
}

# start_nginx DIR GATEWAY_PORT AUTH_PORT UPSTREAM_PORT [extra server block]: the README's
# configuration with its example ports replaced, plus the upstream (return 200), run as the
# current user from DIR; sets started_pid
start_nginx() {
  local dir="$1" gw="$2" auth="$3" up="$4" extra="${5:-}"
  mkdir -p "$dir/temp"
  sed -e "s/127\.0\.0\.1:8080/127.0.0.1:$gw/" -e "s/127\.0\.0\.1:8181/127.0.0.1:$auth/" \
    -e "s/127\.0\.0\.1:9000/127.0.0.1:$up/" "$nginx_conf_template" >"$dir/site.conf"
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  server { listen 127.0.0.1:$up; location / { return 200 "upstream"; } }
  $extra
  include $dir/site.conf;
}
CONF
  "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
    -g "daemon off; pid $dir/nginx.pid;" >"$dir/out.log" 2>&1 &
  started_pid=$!
  all_pids+=("$started_pid")
  local i
  for ((i = 0; i < 200; i++)); do
    { : 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$gw"; } 2>/dev/null && return 0
    nap 0.05
  done
  echo "bench: nginx did not start" >&2
  cat "$dir/error.log" "$dir/out.log" >&2
  exit 1
}

forward_auth_direct_rows() { # on one server: forward-auth (token) vs /ping exempt
  local port token i a b r
  port="$(free_port)"
  authz=health,ping serve "$work/data-forward-auth-direct" "$port"
  local pid="$started_pid"
  token="$(operator_token "$port")"
  local header="Authorization: Bearer $token"
  wrk_secs_saved="$wrk_secs"
  wrk_secs=$((wrk_secs < 5 ? wrk_secs : 5))
  wrk_path_rps warm "$port" "$forward_auth_path" "$header" >/dev/null
  wrk_path_rps warm "$port" /ping "$header" >/dev/null
  wrk_secs="$wrk_secs_saved"
  : >"$work/fa-direct.txt"
  : >"$work/fa-ping.txt"
  for ((i = 0; i < wrk_rounds; i++)); do
    wrk_path_rps fa "$port" "$forward_auth_path" "$header" >>"$work/fa-direct.txt"
    wrk_path_rps ping "$port" /ping "$header" >>"$work/fa-ping.txt"
  done
  stop_pid "$pid"
  a="$(median_of "$work/fa-direct.txt")"
  b="$(median_of "$work/fa-ping.txt")"
  r="$(calc "$a / $b")"
  row "\`GET $forward_auth_path\` with a permitted token, direct (wrk -t2 -c16 ${wrk_secs}s, req/s)" \
    "$(fmt_stats "$work/fa-direct.txt" "")" "$(fmt_stats "$work/fa-ping.txt" "") \`/ping\` exempt, same server" \
    "${r}×" "≥ 0.95×" "$(ge "$r" 0.95)"
}

forward_auth_nginx_rows() { # nginx auth_request -> Tollgate vs the same nginx -> return 200
  local port token gw_a gw_b up_a up_b trivial pid_t pid_na pid_nb i a b r
  port="$(free_port)"
  serve "$work/data-forward-auth-nginx" "$port"
  pid_t="$started_pid"
  token="$(operator_token "$port")"
  gw_a="$(free_port)" up_a="$(free_port)"
  start_nginx "$work/nginx-tollgate" "$gw_a" "$port" "$up_a"
  pid_na="$started_pid"
  gw_b="$(free_port)" up_b="$(free_port)" trivial="$(free_port)"
  start_nginx "$work/nginx-trivial" "$gw_b" "$trivial" "$up_b" \
    "server { listen 127.0.0.1:$trivial; location / { return 200; } }"
  pid_nb="$started_pid"
  local header="Authorization: Bearer $token"
  probe_200 "$gw_a" /orders/1 "$header"$'\r\n' || { echo "bench: nginx -> Tollgate is not 200" >&2; exit 1; }
  probe_200 "$gw_b" /orders/1 "$header"$'\r\n' || { echo "bench: nginx -> return 200 is not 200" >&2; exit 1; }
  wrk_secs_saved="$wrk_secs"
  wrk_secs=$((wrk_secs < 5 ? wrk_secs : 5))
  wrk_path_rps warm "$gw_a" /orders/1 "$header" >/dev/null
  wrk_path_rps warm "$gw_b" /orders/1 "$header" >/dev/null
  wrk_secs="$wrk_secs_saved"
  : >"$work/fa-nginx-tollgate.txt"
  : >"$work/fa-nginx-trivial.txt"
  for ((i = 0; i < wrk_rounds; i++)); do
    wrk_path_rps nginx-tollgate "$gw_a" /orders/1 "$header" >>"$work/fa-nginx-tollgate.txt"
    wrk_path_rps nginx-trivial "$gw_b" /orders/1 "$header" >>"$work/fa-nginx-trivial.txt"
  done
  stop_pid "$pid_na"
  stop_pid "$pid_nb"
  stop_pid "$pid_t"
  a="$(median_of "$work/fa-nginx-tollgate.txt")"
  b="$(median_of "$work/fa-nginx-trivial.txt")"
  r="$(calc "$a / $b")"
  row "through nginx \`auth_request\` (keep-alive) with Tollgate as the auth service (wrk -t2 -c16 ${wrk_secs}s, req/s)" \
    "$(fmt_stats "$work/fa-nginx-tollgate.txt" "")" "$(fmt_stats "$work/fa-nginx-trivial.txt" "") same nginx, auth location \`return 200\`" \
    "${r}×" "≥ 0.7×" "$(ge "$r" 0.7)"
}

forward_auth_rows() {
  local port token
  port="$(free_port)"
  serve "$work/data-forward-auth-probe" "$port"
  token="$(operator_token "$port")"
  if [[ -n "$token" ]] && probe_200 "$port" "$forward_auth_path" "Authorization: Bearer $token"$'\r\n'; then
    stop_pid "$started_pid"
    say "HTTP: warm-up and plateau of $forward_auth_path vs Javalin hello-world"
    plateau_rows forward-auth "$forward_auth_path"
    say "HTTP: $forward_auth_path direct vs /ping exempt"
    forward_auth_direct_rows
    nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
    [[ -x "$nginx_bin" ]] || { say "installing nginx"; install_packages nginx; nginx_bin=/usr/sbin/nginx; }
    say "HTTP: through nginx auth_request, Tollgate vs return 200"
    forward_auth_nginx_rows
  else
    stop_pid "$started_pid"
    forward_auth_note="\`$forward_auth_path\` rows left out: the endpoint does not answer 200 yet."
    say "$forward_auth_note"
  fi
}
if want forward-auth; then
  forward_auth_rows
fi

# ---------------------------------------------------------------------------------------------
# 5. serve start to first 200 on /health, empty store, vs a Javalin hello-world jar
# ---------------------------------------------------------------------------------------------
if want start; then
  say "start-up: tollgate serve (empty store) vs Javalin hello-world"
  "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.SeedTokens "$work/data-empty" 0 >"$work/seed-empty.log" 2>&1 ||
    { cat "$work/seed-empty.log"; exit 1; }
  : >"$work/start-tollgate.txt"
  : >"$work/start-hello.txt"
  start_rounds_run() {
    for ((i = 0; i < $1; i++)); do
      local port
      port="$(free_port)"
      start_timed "$work/hello-javalin.log" "$port" "$java_bin" -jar "$hello_javalin" "$port"
      stop_pid "$started_pid"
      echo "$started_ms" >>"$work/start-hello.txt"
      port="$(free_port)"
      serve "$work/data-empty" "$port"
      stop_pid "$started_pid"
      echo "$started_ms" >>"$work/start-tollgate.txt"
    done
  }
  start_rounds_run 1 # warm the page cache for both jars, not counted
  : >"$work/start-tollgate.txt"
  : >"$work/start-hello.txt"
  start_rounds_run "$start_rounds"
  if large "$(spread_of "$work/start-tollgate.txt")" 0.3 || large "$(spread_of "$work/start-hello.txt")" 0.3; then
    say "large spread on start-up, more rounds"
    start_rounds_run "$start_rounds"
  fi
  empty_ms="$(median_of "$work/start-tollgate.txt")"
  hello_ms="$(median_of "$work/start-hello.txt")"
  r="$(calc "$empty_ms / $hello_ms")"
  row "\`tollgate serve\` start → first 200 on /health, empty store" "$(fmt_stats "$work/start-tollgate.txt" ms)" \
    "$(fmt_stats "$work/start-hello.txt" ms) Javalin hello-world" "${r}×" "≤ 1.3×" "$(le "$r" 1.3)"
fi

# ---------------------------------------------------------------------------------------------
# 6. the same with 1,000,000 tokens, -Xmx512m
# ---------------------------------------------------------------------------------------------
if want million; then
  say "start-up with $seed_count tokens: seeding"
  "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.SeedTokens "$work/data-million" "$seed_count" >"$work/seed.log" 2>&1 ||
    { cat "$work/seed.log"; exit 1; }
  : >"$work/start-million.txt"
  : >"$work/heap-million.txt"
  heap_used=""
  heap_live=""
  for ((i = 0; i < (start_rounds + 1) / 2 + 1; i++)); do
    port="$(free_port)"
    TOLLGATE_JAVA_OPTS="-Xmx512m ${TOLLGATE_JAVA_OPTS:-}" serve "$work/data-million" "$port"
    if ((i > 0)); then echo "$started_ms" >>"$work/start-million.txt"; fi # first run warms the page cache
    if ((have_jcmd)); then
      "$jcmd_bin" "$started_pid" GC.heap_info >"$work/heap-$i.txt" 2>&1 || true
      used="$(heap_used_mib "$work/heap-$i.txt")"
      [[ -n "$used" ]] && echo "$used" >>"$work/heap-million.txt"
      if ((i == 1)); then
        "$jcmd_bin" "$started_pid" GC.run >/dev/null 2>&1 || true
        "$jcmd_bin" "$started_pid" GC.heap_info >"$work/heap-live.txt" 2>&1 || true
        heap_live="$(heap_used_mib "$work/heap-live.txt")"
      fi
    fi
    stop_pid "$started_pid"
  done
  million_ms="$(median_of "$work/start-million.txt")"
  if [[ -s "$work/heap-million.txt" ]]; then
    heap_used="$(sort -g "$work/heap-million.txt" | tail -1)"
    heap_text="heap used at first 200: max ${heap_used} MiB, live after a full GC ${heap_live:-?} MiB (-Xmx512m)"
  else
    heap_used=0
    heap_text="started with -Xmx512m (no jcmd to read the heap)"
  fi
  r="$(calc "$million_ms / $empty_ms")"
  ok="$(awk -v r="$r" -v h="$heap_used" 'BEGIN {print (r <= 3.0 && h <= 512) ? 1 : 0}')"
  row "same with $seed_count tokens in the store; $heap_text" "$(fmt_stats "$work/start-million.txt" ms)" \
    "$empty_ms ms (empty store)" "${r}×" "≤ 3.0×, heap ≤ 512 MiB" "$ok"
fi

# ---------------------------------------------------------------------------------------------
# 7. tollgate --version vs java -jar picocli hello-world --version
# ---------------------------------------------------------------------------------------------
if want cli; then
  say "CLI: ./tollgate --version vs picocli hello-world"
  : >"$work/cli-version.txt"
  : >"$work/cli-hello.txt"
  for ((i = 0; i < 2; i++)); do
    time_ms ./tollgate --version >/dev/null
    time_ms "$java_bin" -jar "$hello_picocli" --version >/dev/null
  done
  cli_rounds_run() {
    for ((i = 0; i < $1; i++)); do
      time_ms "$java_bin" -jar "$hello_picocli" --version >>"$work/cli-hello.txt"
      time_ms ./tollgate --version >>"$work/cli-version.txt"
    done
  }
  cli_rounds_run "$cli_rounds"
  if large "$(spread_of "$work/cli-version.txt")" 0.5 || large "$(spread_of "$work/cli-hello.txt")" 0.5; then
    say "large spread on --version, more rounds"
    cli_rounds_run "$cli_rounds"
  fi
  version_ms="$(median_of "$work/cli-version.txt")"
  picocli_ms="$(median_of "$work/cli-hello.txt")"
  r="$(calc "$version_ms / $picocli_ms")"
  row "\`./tollgate --version\` wall time" "$(fmt_stats "$work/cli-version.txt" ms)" \
    "$(fmt_stats "$work/cli-hello.txt" ms) picocli hello-world" "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
fi

# ---------------------------------------------------------------------------------------------
# 8. create token --admin --name X round trip, and 9. named-token creations per second
# ---------------------------------------------------------------------------------------------
# one server for the create token and creation-rate rows, started by the first of them that runs
pid_c=""
create_server() {
  [[ -z "$pid_c" ]] || return 0
  port_c="$(free_port)"
  serve "$work/data-create" "$port_c"
  pid_c="$started_pid"
  token_c="$(operator_token "$port_c")"
}
if want cli; then
  say "CLI: create token --admin --name against a running server"
  create_server
  : >"$work/cli-create.txt"
  : >"$work/cli-hello2.txt"
  create_i=0
  create_rounds_run() {
    for ((i = 0; i < $1; i++)); do
      create_i=$((create_i + 1))
      time_ms "$java_bin" -jar "$hello_picocli" --version >>"$work/cli-hello2.txt"
      time_ms ./tollgate create token --admin --name "bench-cli-$create_i" \
        --host "http://127.0.0.1:$port_c" --token "$token_c" >>"$work/cli-create.txt"
    done
  }
  time_ms ./tollgate create token --admin --name bench-cli-warm --host "http://127.0.0.1:$port_c" --token "$token_c" >/dev/null
  create_rounds_run "$create_rounds"
  if large "$(spread_of "$work/cli-create.txt")" 0.5 || large "$(spread_of "$work/cli-hello2.txt")" 0.5; then
    say "large spread on create token, more rounds"
    create_rounds_run "$create_rounds"
  fi
  create_ms="$(median_of "$work/cli-create.txt")"
  picocli2_ms="$(median_of "$work/cli-hello2.txt")"
  r="$(calc "$create_ms / $picocli2_ms")"
  row "\`./tollgate create token --admin --name X\` round trip" "$(fmt_stats "$work/cli-create.txt" ms)" \
    "$(fmt_stats "$work/cli-hello2.txt" ms) picocli hello-world" "${r}×" "≤ 1.5×" "$(le "$r" 1.5)"
fi

if want rate; then
  say "HTTP: named-token creations per second (one client) vs 4 KiB append + fsync loop"
  create_server
  cat >"$work/named.lua" <<'EOF'
-- one named admin token per request, each with a new name
local n = 0
local prefix = os.getenv("BENCH_PREFIX") .. "-"
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}
request = function()
  n = n + 1
  local body = '{"token_name": "' .. prefix .. n .. '", "expiry_secs": null}'
  return wrk.format("POST", "/api/v3/configure/token/named_admin", headers, body)
end
EOF
  named_rate() { # seconds label -> creations/s (wrk, one thread, one connection: one client in sequence)
    local out="$work/named-$2.txt"
    BENCH_TOKEN="$token_c" BENCH_PREFIX="$2" wrk -t1 -c1 -d"$1s" -s "$work/named.lua" "http://127.0.0.1:$port_c" >"$out"
    grep -q 'Non-2xx' "$out" && { echo "bench: failed creations in $out" >&2; cat "$out" >&2; exit 1; }
    awk '/^Requests\/sec:/ {print $2}' "$out"
  }
  # warm-up of the write path, not counted: long enough for C2 to have compiled the path (the JVM's
  # default thresholds), so the rounds measure the steady state
  named_rate "$rate_warm_secs" warm >/dev/null
  : >"$work/rate-create.txt"
  : >"$work/rate-fsync.txt"
  rate_round=0
  rate_rounds_run() {
    for ((i = 0; i < $1; i++)); do
      rate_round=$((rate_round + 1))
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.FsyncLoop "$work/data-create" "$rate_secs" >>"$work/rate-fsync.txt"
      named_rate "$rate_secs" "r$rate_round" >>"$work/rate-create.txt"
    done
  }
  rate_rounds_run "$rate_rounds"
  if large "$(spread_of "$work/rate-create.txt")" 0.3 || large "$(spread_of "$work/rate-fsync.txt")" 0.3; then
    say "large spread on creation rate, more rounds"
    rate_rounds_run 2
  fi
  create_rate="$(median_of "$work/rate-create.txt")"
  fsync_rate="$(median_of "$work/rate-fsync.txt")"
  r="$(calc "$create_rate / $fsync_rate")"
  row "named-token creations/s over HTTP, one client, synchronous=FULL, audit on (each creation's audit line in its transaction)" "$(fmt_stats "$work/rate-create.txt" /s)" \
    "$(fmt_stats "$work/rate-fsync.txt" /s) 4 KiB append+fsync" "${r}×" "≥ 0.5×" "$(ge "$r" 0.5)"
fi
[[ -z "$pid_c" ]] || stop_pid "$pid_c"

# ---------------------------------------------------------------------------------------------
# 10. resident memory after 1,000,000 requests at full load
# ---------------------------------------------------------------------------------------------
if want rss; then
  say "RSS: $rss_requests authenticated requests at full load"
  cat >"$work/count.lua" <<'EOF'
-- each thread stops sending after BENCH_PER_THREAD responses (wrk still waits out -d)
local done_count = 0
local limit = tonumber(os.getenv("BENCH_PER_THREAD"))
function response(status, headers, body)
  done_count = done_count + 1
  if done_count >= limit then wrk.thread:stop() end
end
EOF
  port_d="$(free_port)"
  serve "$work/data-rss" "$port_d"
  pid_d="$started_pid"
  token_d="$(operator_token "$port_d")"
  BENCH_PER_THREAD=2500 wrk -t2 -c16 -d2s -s "$work/count.lua" -H "Authorization: Bearer $token_d" \
    "http://127.0.0.1:$port_d/ping" >"$work/rss-warm.txt"
  rss_start="$(rss_kib "$pid_d")"
  served=0
  chunk=0
  while ((served < rss_requests)); do # full load in 5 s runs until the count is reached
    chunk=$((chunk + 1))
    wrk -t2 -c16 -d5s -H "Authorization: Bearer $token_d" "http://127.0.0.1:$port_d/ping" >"$work/rss-load-$chunk.txt"
    grep -q 'Non-2xx' "$work/rss-load-$chunk.txt" && { echo "bench: non-2xx answers under load" >&2; exit 1; }
    served=$((served + $(awk '/requests in/ {print $1}' "$work/rss-load-$chunk.txt")))
  done
  rss_end="$(rss_kib "$pid_d")"
  stop_pid "$pid_d"
  growth="$(calc "($rss_end - $rss_start) / 1024" 1)"
  row "server RSS after $served authenticated \`GET /ping\` (wrk -c16), MiB" "$(calc "$rss_end / 1024" 1) MiB (+$growth MiB)" \
    "$(calc "$rss_start / 1024" 1) MiB after start + 5,000 requests" "+$growth MiB" "≤ +64 MiB" "$(le "$growth" 64)"
fi

# ---------------------------------------------------------------------------------------------
# 11. a flood of wrong tokens from 1,000 addresses (issue 15) -- row group `flood`
# ---------------------------------------------------------------------------------------------
# One server with --trusted-proxies 127.0.0.1, so that X-Forwarded-For names the client address,
# and the default --auth-failure-limit (20/1m: most of the flood soon gets 429, the realistic
# case). Each round (baseline first): the valid client alone, then the same valid client started
# 2 s into a flood of $flood_secs s. The valid client: wrk -t1 -c8, the operator token, GET /ping
# from 192.0.2.10. The flood: wrk -t1 -c16, three wrong tokens of a real token's shape,
# X-Forwarded-For cycling over 10.0.0.0-10.0.3.231. Rows: valid req/s with/without the flood
# (≥ 0.8×); VmRSS before the first flood and after the last (≤ +64 MiB); the auth.failed audit
# read back over HTTP once the last window has been drained, and from --audit-log (complete; the
# HTTP read stops at 10,000 entries): at most one entry per (address, credential_fp, 10 s window).
# The flood is paced (wrk's delay() per connection) to a tenth of the valid client's rate alone,
# or to BENCH_FLOOD_RATE=N req/s; BENCH_FLOOD_RATE=0 leaves it closed-loop (as fast as the server
# answers), where it takes its share of the server's own CPUs, which the row's total req/s shows.
flood_how=""
if want flood; then
  if [[ "$quick" == 1 ]]; then flood_secs=12 flood_rounds=2; else flood_secs=30 flood_rounds=3; fi
  flood_valid_secs=$((flood_secs - 4))
  flood_valid_from="192.0.2.10"
  flood_rate="${BENCH_FLOOD_RATE:-}"
  [[ -z "$flood_rate" || "$flood_rate" =~ ^[0-9]+$ ]] || { echo "bench: BENCH_FLOOD_RATE must be a whole number of req/s" >&2; exit 2; }
  say "HTTP: valid GET /ping during a flood of wrong tokens from 1,000 addresses ($flood_rounds rounds of $flood_secs s)"
  cat >"$work/flood.lua" <<'EOF'
-- wrong tokens (three, of a real token's shape) from 1,000 addresses (X-Forwarded-For 10.0.x.y);
-- counts the answers by status and prints them at the end as one FLOOD line
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 337)
  table.insert(threads, thread)
end
local tokens = {
  "apiv3_" .. string.rep("W", 86), "apiv3_" .. string.rep("X", 86), "apiv3_" .. string.rep("Y", 86)
}
local n = 0
local pace = tonumber(os.getenv("BENCH_FLOOD_DELAY_MS") or "0")
if pace > 0 then
  delay = function() return pace end
end
function init(args)
  n = offset
  unauthorized, throttled, other = 0, 0, 0
end
request = function()
  n = n + 1
  local a = n % 1000
  local token = tokens[math.floor(n / 1000) % #tokens + 1]
  return wrk.format("GET", "/ping", {
    ["Authorization"] = "Bearer " .. token,
    ["X-Forwarded-For"] = "10.0." .. math.floor(a / 256) .. "." .. (a % 256)
  })
end
function response(status, headers, body)
  if status == 401 then unauthorized = unauthorized + 1
  elseif status == 429 then throttled = throttled + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local u, t, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    u = u + thread:get("unauthorized")
    t = t + thread:get("throttled")
    o = o + thread:get("other")
  end
  io.write(string.format("FLOOD 401 %d 429 %d other %d\n", u, t, o))
end
EOF
  port_f="$(free_port)"
  flood_started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  serve "$work/data-flood" "$port_f" --trusted-proxies 127.0.0.1 --audit-log "$work/flood-audit.jsonl"
  pid_f="$started_pid"
  token_f="$(operator_token "$port_f")"
  [[ -n "$token_f" ]] || { echo "bench: no operator token" >&2; exit 1; }
  flood_valid_rps() { # seconds label -> req/s of the valid client
    local out="$work/flood-valid-$2.txt"
    wrk -t1 -c8 -d"$1s" -H "Authorization: Bearer $token_f" -H "X-Forwarded-For: $flood_valid_from" \
      "http://127.0.0.1:$port_f/ping" >"$out"
    grep -q 'Non-2xx' "$out" && { echo "bench: the valid client got non-2xx answers in $out" >&2; cat "$out" >&2; exit 1; }
    awk '/^Requests\/sec:/ {print $2}' "$out"
  }
  flood_start() { # seconds label: starts the flood in the background, sets flood_pid
    BENCH_FLOOD_DELAY_MS="$flood_delay_ms" wrk -t1 -c16 -d"$1s" -s "$work/flood.lua" "http://127.0.0.1:$port_f/ping" >"$work/flood-$2.txt" 2>&1 &
    flood_pid=$!
    all_pids+=("$flood_pid")
  }
  flood_wait() { # label: waits for the flood, checks it was refused, adds its 401s and 429s up
    wait "$flood_pid" || { echo "bench: the flood's wrk failed" >&2; cat "$work/flood-$1.txt" >&2; exit 1; }
    read -r _ _ f401 _ f429 _ fother < <(grep '^FLOOD ' "$work/flood-$1.txt") ||
      { echo "bench: no FLOOD line from the flood's wrk" >&2; cat "$work/flood-$1.txt" >&2; exit 1; }
    ((fother == 0)) || { echo "bench: wrong tokens got other answers than 401/429" >&2; cat "$work/flood-$1.txt" >&2; exit 1; }
    flood_401=$((flood_401 + f401))
    flood_429=$((flood_429 + f429))
    [[ "$1" == warm ]] || awk '/^Requests\/sec:/ {print $2}' "$work/flood-$1.txt" >>"$work/flood-rate.txt"
  }
  # warm-up of the valid path, not counted; RSS is read after it, before any wrong token
  flood_warm_rps="$(flood_valid_rps 5 warm)"
  # The flood's default pace is a tenth of what the valid client alone gets from this server on
  # this machine (a ratio, like every budget here): the flood client runs on the server's own two
  # CPUs, so an unpaced one measures how the CPUs are shared between connections, not what a
  # refusal costs. At a tenth, valid requests keep about 0.9x when a refusal costs what a valid
  # request does; the 0.8x budget fails a refusal path twice as dear. BENCH_FLOOD_RATE=N paces it
  # to N req/s, BENCH_FLOOD_RATE=0 not at all.
  [[ -n "$flood_rate" ]] || flood_rate="$(calc "$flood_warm_rps / 10" 0)"
  flood_delay_ms=0
  ((flood_rate == 0)) || flood_delay_ms=$(((16 * 1000 + flood_rate - 1) / flood_rate))
  flood_paced=", unpaced"
  ((flood_rate == 0)) || flood_paced=", paced to ≤ $flood_rate req/s"
  rss_before="$(rss_kib "$pid_f")"
  flood_401=0 flood_429=0
  : >"$work/flood-rate.txt"
  # warm-up of the refusal path, not counted (its refusals are in the audit and the totals)
  flood_start 5 warm
  flood_wait warm
  : >"$work/flood-baseline.txt"
  : >"$work/flood-under.txt"
  flood_round=0
  flood_rounds_run() {
    for ((i = 0; i < $1; i++)); do
      flood_round=$((flood_round + 1))
      flood_valid_rps "$flood_valid_secs" "base-$flood_round" >>"$work/flood-baseline.txt"
      flood_start "$flood_secs" "r$flood_round"
      nap 2
      flood_valid_rps "$flood_valid_secs" "under-$flood_round" >>"$work/flood-under.txt"
      flood_wait "r$flood_round"
    done
  }
  flood_rounds_run "$flood_rounds"
  if large "$(spread_of "$work/flood-under.txt")" 0.3 || large "$(spread_of "$work/flood-baseline.txt")" 0.3; then
    say "large spread under the flood, one more round"
    flood_rounds_run 1
  fi
  rss_after="$(rss_kib "$pid_f")"
  # the last window's events reach the store once the window has ended (10 s) and the drainer
  # has run (every 1 s)
  nap 12
  curl -sf -H "Authorization: Bearer $token_f" \
    "http://127.0.0.1:$port_f/api/v3/configure/token/audit?action=auth.failed&limit=10000&since=$flood_started" \
    >"$work/flood-audit.json" || { echo "bench: reading the audit failed" >&2; exit 1; }
  flood_dropped="$(curl -sf -H "Authorization: Bearer $token_f" "http://127.0.0.1:$port_f/metrics" |
    awk '/^tollgate_audit_failures_dropped_total/ {printf "%d", $2}')"
  stop_pid "$pid_f"
  # the JSON's shape is fixed (AuditJson): one object per entry, fields in order, no nesting;
  # the 10 s window of an entry is its time to the ten seconds ("...T13:42:0")
  audit_coalescing() { # stdin: one audit entry a line -> "auth.failed entries, their counts' sum, most per key"
    awk '
      /"action":"auth.failed"/ && match($0, /"at":"[^"]*"/) {
        at = substr($0, RSTART + 6, 18)
        addr = ""; fp = ""; count = 0
        if (match($0, /"client_address":"[^"]*"/)) addr = substr($0, RSTART + 18, RLENGTH - 19)
        if (match($0, /"credential_fp":"[^"]*"/)) fp = substr($0, RSTART + 17, RLENGTH - 18)
        if (match($0, /"count":[0-9]+/)) count = substr($0, RSTART + 8, RLENGTH - 8)
        key = addr " " fp " " at
        seen[key]++
        if (seen[key] > max) max = seen[key]
        n++; sum += count
      }
      END {print n + 0, sum + 0, max + 0}'
  }
  read -r http_entries http_sum http_max < <(sed 's/},{/}\n{/g' "$work/flood-audit.json" | audit_coalescing)
  # the server has stopped: --audit-log holds every entry, the last windows' included
  read -r file_entries file_sum file_max < <(audit_coalescing <"$work/flood-audit.jsonl")
  a="$(median_of "$work/flood-under.txt")"
  b="$(median_of "$work/flood-baseline.txt")"
  r="$(calc "$a / $b")"
  f="$(median_of "$work/flood-rate.txt")"
  total="$(calc "($a + $f) / $b")"
  row "valid \`GET /ping\` (wrk -t1 -c8 ${flood_valid_secs}s, req/s) from another address during a flood of wrong tokens from 1,000 addresses (wrk -t1 -c16 ${flood_secs}s$flood_paced: $f req/s, $flood_401 × 401, $flood_429 × 429 in all; valid + flood = ${total}× the valid rate alone)" \
    "$(fmt_stats "$work/flood-under.txt" "")" "$(fmt_stats "$work/flood-baseline.txt" "") without the flood" \
    "${r}×" "≥ 0.8×" "$(ge "$r" 0.8)"
  growth="$(calc "($rss_after - $rss_before) / 1024" 1)"
  row "server RSS across the flood rounds, MiB" "$(calc "$rss_after / 1024" 1) MiB (+$growth MiB)" \
    "$(calc "$rss_before / 1024" 1) MiB before the first wrong token" "+$growth MiB" "≤ +64 MiB" "$(le "$growth" 64)"
  truncated=""
  ((http_entries < 10000)) || truncated=" (the newest 10,000: the read's limit)"
  row "\`auth.failed\` audit entries after the flood, read over HTTP: $http_entries$truncated; in \`--audit-log\`: $file_entries, counts summing to $file_sum of the $flood_401 401s (${flood_dropped:-?} dropped by the full queue); most entries per (address, credential_fp, 10 s window)" \
    "HTTP $http_max, --audit-log $file_max" "1" "$((http_max > file_max ? http_max : file_max))" "= 1" \
    "$( ((http_max == 1 && file_max == 1)) && echo 1 || echo 0)"
  flood_how="- Flood: one server (\`--trusted-proxies 127.0.0.1\`, default \`--auth-failure-limit 20/1m\`); per round the
  valid client alone (wrk -t1 -c8, operator token, X-Forwarded-For $flood_valid_from), then the same client started 2 s
  into a flood (wrk -t1 -c16, Lua: three wrong tokens, X-Forwarded-For over 10.0.0.0–10.0.3.231$flood_paced: by default a tenth
  of the valid client's rate alone, as the flood client shares the server's CPUs); RSS before the first
  wrong token and after the last round; the audit read over HTTP 12 s after the flood (\`action=auth.failed\`, at
  most 10,000 entries) and, complete, from the server's \`--audit-log\` after it stopped."
fi

# ---------------------------------------------------------------------------------------------
# recovery-code verification: measured, no budget (Argon2id is slow on purpose)
# ---------------------------------------------------------------------------------------------
if want recovery; then
  say "JMH: RecoveryCodeBenchmark (Argon2id m=19 MiB, t=2, p=1)"
  "$java_bin" -jar "$benchjar" RecoveryCodeBenchmark -f 1 -wi 2 -w 1 -i 5 -r 2 -rf csv -rff "$work/recovery.csv" \
    >"$work/recovery.log" 2>&1 || { tail -30 "$work/recovery.log"; exit 1; }
  recovery_text="$(awk -F, 'NR == 2 {gsub(/"/, ""); printf "%.1f ms (± %.1f ms, 99.9%% interval, %d samples)", $5, $6, $4}' \
    "$work/recovery.csv")"
  say "recovery-code verification: $recovery_text"
fi

# =============================================================================================
# cluster (issue 17, SPEC §11): two nodes on one PostgreSQL. Everything of this group is in this
# block; outside it only the group's name in `groups`, the header comment, pg_stop in cleanup and
# $cluster_notes in the report.
# =============================================================================================
# PostgreSQL: the Debian `postgresql` package's binaries (installed with apt-get when no initdb is
# found), a throwaway cluster made with initdb in $work/pg (trust authentication, listening on
# 127.0.0.1 only, on a free port, fsync on as shipped) and run by pg_ctl; as root it runs as the
# `postgres` user (the server refuses root). Stopped at the end of the group and on any exit.
pg_bin=""
pg_data=""
pg_as=()
pg_bin_dir() { # the directory of initdb, pg_ctl and createdb, newest version first
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  d="$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")"
  [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  return 1
}
pg_start() { # sets pg_port, pg_data
  pg_bin="$(pg_bin_dir)" || { say "installing postgresql"; install_packages postgresql; pg_bin="$(pg_bin_dir)"; } ||
    { echo "bench: no PostgreSQL server binaries (initdb, pg_ctl)" >&2; exit 1; }
  local dir="$work/pg"
  mkdir -p "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then
    pg_as=(runuser -u postgres --)
    chown postgres: "$dir"
  fi
  "${pg_as[@]}" "$pg_bin/initdb" -D "$dir/data" -U bench --auth=trust -E UTF8 --locale=C >"$work/pg-initdb.log" 2>&1 ||
    { cat "$work/pg-initdb.log"; exit 1; }
  pg_port="$(free_port)"
  pg_data="$dir/data"
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1" start >"$work/pg-start.log" 2>&1 ||
    { cat "$work/pg-start.log" "$dir/server.log"; exit 1; }
  say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port ($pg_data)"
}
pg_stop() {
  [[ -n "$pg_data" ]] || return 0
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  pg_data=""
}
pg_createdb() { "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U bench "$1"; }

cluster_notes=""
cluster_rows() {
  pg_start
  pg_createdb tollgate_cluster
  local store="postgresql://bench@127.0.0.1:$pg_port/tollgate_cluster"
  local jdbc="jdbc:postgresql://127.0.0.1:$pg_port/tollgate_cluster?user=bench"

  # two nodes on the one database, each with a data directory of its own (its audit file); no
  # throttling of failed authentications, which the revocation loop's 401s would trip after 20
  say "cluster: two nodes on $store"
  local port_na port_nb pid_na pid_nb token_na
  port_na="$(free_port)"
  serve "$work/data-node-a" "$port_na" --store "$store" --auth-failure-limit 0
  pid_na="$started_pid"
  port_nb="$(free_port)"
  serve "$work/data-node-b" "$port_nb" --store "$store" --auth-failure-limit 0
  pid_nb="$started_pid"
  token_na="$(operator_token "$port_na")"
  [[ -n "$token_na" ]] || { echo "bench: no operator token from node A" >&2; exit 1; }

  # revocation on A -> refused on B, 1,000 tokens
  say "cluster: 100 + 1000 revocations on node A, polling node B"
  "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.RevocationLatency "http://127.0.0.1:$port_na" \
    "http://127.0.0.1:$port_nb" "$token_na" 100 1000 "$work/revocation-ms.txt" >"$work/revocation.log" 2>&1 ||
    { cat "$work/revocation.log"; exit 1; }
  local p50 p99 pmax poll99 pollmax others ok
  read -r p50 p99 pmax <<<"$(awk '$1 == "RESULT" {print $2, $3, $4}' "$work/revocation.log")"
  read -r poll99 pollmax <<<"$(awk '$1 == "POLL" {print $3, $4}' "$work/revocation.log")"
  others="$(awk '$1 == "OTHER" {printf "%s× %s", $3, $2}' "$work/revocation.log")"
  ok="$(le "$p99" 100)"
  [[ -z "$others" ]] || ok=0
  row "revocation: \`DELETE\` on node A (its 200) → first 401 on node B, 1,000 tokens after 100 not counted, p99" \
    "p99 $p99 ms (p50 $p50 ms, max $pmax ms)${others:+; B also answered $others}" \
    "— (absolute; one poll of B: p99 $poll99 ms, max $pollmax ms)" "p99 $p99 ms" \
    "p99 ≤ 100 ms" "$ok"

  # named-token creations/s on node A (B following) vs a plain JDBC insert + commit loop
  say "cluster: named-token creations/s on node A vs JDBC insert+commit loop"
  cat >"$work/cluster-named.lua" <<'LUA'
-- one named admin token per request, each with a new name
local n = 0
local prefix = os.getenv("BENCH_PREFIX") .. "-"
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}
request = function()
  n = n + 1
  local body = '{"token_name": "' .. prefix .. n .. '", "expiry_secs": null}'
  return wrk.format("POST", "/api/v3/configure/token/named_admin", headers, body)
end
LUA
  cluster_rate() { # seconds label -> creations/s (wrk, one thread, one connection)
    local out="$work/cluster-named-$2.txt"
    BENCH_TOKEN="$token_na" BENCH_PREFIX="pg-$2" wrk -t1 -c1 -d"$1s" -s "$work/cluster-named.lua" \
      "http://127.0.0.1:$port_na" >"$out"
    grep -q 'Non-2xx' "$out" && { echo "bench: failed creations in $out" >&2; cat "$out" >&2; exit 1; }
    awk '/^Requests\/sec:/ {print $2}' "$out"
  }
  cluster_rate "$rate_warm_secs" warm >/dev/null
  : >"$work/cluster-rate-create.txt"
  : >"$work/cluster-rate-jdbc.txt"
  local round=0
  cluster_rate_rounds() {
    local i
    for ((i = 0; i < $1; i++)); do
      round=$((round + 1))
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.JdbcInsertLoop "$jdbc" "$rate_secs" >>"$work/cluster-rate-jdbc.txt"
      cluster_rate "$rate_secs" "r$round" >>"$work/cluster-rate-create.txt"
    done
  }
  cluster_rate_rounds "$rate_rounds"
  if large "$(spread_of "$work/cluster-rate-create.txt")" 0.3 || large "$(spread_of "$work/cluster-rate-jdbc.txt")" 0.3; then
    say "large spread on the PostgreSQL creation rate, more rounds"
    cluster_rate_rounds 2
  fi
  local create_pg jdbc_pg r
  create_pg="$(median_of "$work/cluster-rate-create.txt")"
  jdbc_pg="$(median_of "$work/cluster-rate-jdbc.txt")"
  r="$(calc "$create_pg / $jdbc_pg")"
  row "named-token creations/s over HTTP on a node of a 2-node PostgreSQL cluster, one client" \
    "$(fmt_stats "$work/cluster-rate-create.txt" /s)" \
    "$(fmt_stats "$work/cluster-rate-jdbc.txt" /s) pgjdbc INSERT+COMMIT loop" "${r}×" "≥ 0.5×" "$(ge "$r" 0.5)"
  stop_pid "$pid_na"
  stop_pid "$pid_nb"

  # authenticate on a node: TokenService on a PostgresStore, JMH, 10 and 1,000,000 tokens
  local n
  for n in 10 1000000; do
    say "cluster: seeding $n tokens into tollgate_$n (COPY)"
    pg_createdb "tollgate_$n"
    "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.SeedPostgres \
      "jdbc:postgresql://127.0.0.1:$pg_port/tollgate_$n?user=bench" "$n" >"$work/pg-seed-$n.log" 2>&1 ||
      { cat "$work/pg-seed-$n.log"; exit 1; }
  done
  say "JMH: PostgresAuthenticateBenchmark (storedTokens 10, 1000000)"
  pg_jmh_run() {
    BENCH_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/tollgate_{n}?user=bench" \
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.AuthenticateRows "$jmh_rounds" "$jmh_iter" "$jmh_secs" \
      PostgresAuthenticateBenchmark >"$work/jmh-postgres.log" 2>&1 || { tail -50 "$work/jmh-postgres.log"; exit 1; }
  }
  pg_jmh_run
  # as in the jmh group: the SHA-512 baseline does the same work at both sizes, so medians more than
  # 30% apart mean load from elsewhere hit the run; it runs once more (the first log is kept)
  if awk '$1 == "RESULT" && $2 == "sha512Baseline" {v[n++] = $4} END {
        exit !(v[0] > v[1] * 1.3 || v[1] > v[0] * 1.3)}' "$work/jmh-postgres.log"; then
    say "SHA-512 baseline differs by more than 30% between sizes (machine busy): JMH again"
    mv "$work/jmh-postgres.log" "$work/jmh-postgres-1.log"
    pg_jmh_run
  fi
  pg_jmh() { awk -v b="$1" -v n="$2" '$1 == "RESULT" && $2 == b && $3 == n {print $4}' "$work/jmh-postgres.log"; }
  local b v sha base
  for n in 10 1000000; do
    sha="$(pg_jmh sha512Baseline "$n")"
    for b in authenticateValid authenticateUnknown; do
      v="$(pg_jmh "$b" "$n")"
      r="$(calc "$v / $sha")"
      row "\`$b\` on a node (TokenService on a PostgresStore, index loaded from PostgreSQL), $n stored tokens (ns/op)" \
        "$v" "SHA-512 $sha" "${r}×" "≤ 2.0×" "$(le "$r" 2.0)"
    done
  done
  for b in authenticateValid authenticateUnknown; do
    base="$(calc "$(pg_jmh "$b" 10) / $(pg_jmh sha512Baseline 10)" 4)"
    v="$(calc "$(pg_jmh "$b" 1000000) / $(pg_jmh sha512Baseline 1000000)" 4)"
    r="$(calc "$v / $base")"
    row "\`$b\` on a PostgreSQL node flat: (ns/op ÷ SHA-512) at 1000000 vs at 10 stored tokens" "$(calc "$v" 3)" \
      "$(calc "$base" 3)" "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
  done
  pg_stop

  cluster_notes="- Cluster rows (issue 17): PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') from the Debian package, a
  throwaway cluster (initdb, pg_ctl) in the run's log directory, 127.0.0.1, fsync on. Revocation: two
  \`tollgate serve --store postgresql://… --auth-failure-limit 0\` nodes on one database (the loop's 401s
  would otherwise be throttled); 1,100 named tokens created on node A and seen on node B, then for each
  \`DELETE\` on A and, from A's 200, \`GET /ping\` with that token on B in a tight loop (one JDK HttpClient,
  keep-alive) until the first 401; the first 100 not counted (JIT) (\`RevocationLatency\`; samples in
  \`revocation-ms.txt\`). \"One poll\" is the round trip of a single request to B: when it is slow, the machine
  is. Creation rate: wrk -t1 -c1 on node A while B follows, after a ${rate_warm_secs} s warm-up, interleaved
  with \`JdbcInsertLoop\` (one pgjdbc connection, autocommit off, INSERT of a token-sized row into a table
  with the same unique indexes + COMMIT) on the same database. Authenticate: \`PostgresAuthenticateBenchmark\`,
  a \`TokenService\` on a \`PostgresStore\` (its change feed running) whose index was loaded from a database
  seeded by \`SeedPostgres\` (one COPY); it measures the in-memory authenticate path of a cluster node, which
  makes no database round trip per request."
}
if want cluster; then
  cluster_rows
fi
# =============================================================================================
# end of cluster
# =============================================================================================

# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------
rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- . 2>/dev/null || rev="$rev (with uncommitted changes)"
jdk="$("$java_bin" -version 2>&1 | head -2 | tail -1)"
cpus="$(nproc) ($(taskset -pc $$ 2>/dev/null | sed 's/.*: //' || echo "affinity unknown"))"
cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`./bench/run.sh\`$([[ "$quick" == 1 ]] && echo ' (BENCH_QUICK=1: shortened run)'). Every figure is a median;"
  echo "ranges are min–max over the rounds. Budgets from issues 8 and 19; each is a ratio to a baseline"
  echo "measured in the same run, on the same JDK and CPUs."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- git revision: $rev"
  echo "- machine: $(nproc --all) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load average at the end $load"
  echo "- CPUs this run could use: $cpus"
  echo "- JDK: $jdk"
  echo
  echo "| row | measured | baseline | ratio | budget | result |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  [[ -z "$forward_auth_note" ]] || { echo "$forward_auth_note"; echo; }
  if [[ -n "${recovery_text:-}" ]]; then
    echo "Measured without a budget: one recovery-code verification (\`RecoveryCodeBenchmark\`, Argon2id"
    echo "m=19 MiB, t=2, p=1, JMH average time in one fork): $recovery_text."
    echo
  fi
  ((${#selected[@]} == 0)) || { echo "Only the row groups: ${selected[*]}."; echo; }
  echo "How each row is measured:"
  echo
  echo "- Flat rows: (authenticate ÷ SHA-512) at N stored tokens over the same at 10, each SHA-512 measured at its"
  echo "  own size (in its own forks)."
  echo "- Plateau and warm-up rows: each server started fresh (the hello-world with the server's JVM options:"
  echo "  \`${serve_flags[*]}\`), then wrk -t2 -c16 in 1 s steps for ${series_secs} s with the same Authorization header"
  echo "  (Tollgate's the operator token); plateau = median of the last third of the steps; warm-up = time from the"
  echo "  first request to the end of the first step whose 3-step rolling median reaches 90% of the plateau;"
  echo "  medians over $series_rounds round(s), interleaved. Series in \`bench/results/*/series-*.txt\`."
  echo "- JMH rows: \`AuthenticateBenchmark\` in $jmh_rounds rounds (each: every benchmark and size in its own fork, 2 warm-up and"
  echo "  $jmh_iter measurement iterations of ${jmh_secs} s); median over all measurement iterations."
  echo "  The baseline is a bare SHA-512 of the same 92-character token in the same fork; the JMH step runs again when"
  echo "  the baseline's medians differ by more than 30% between sizes (load from elsewhere)."
  echo "- \`GET /ping\`: two servers side by side, one with \`--disable-authz health,ping\`; both get the identical"
  echo "  request, Authorization header included (the exempt server ignores it), so the ratio is the server's cost of"
  echo "  authenticating;"
  echo "  5 s warm-up each, then wrk rounds interleaved A B A B."
  echo "- Start-up: wall time from launching the process (\`./tollgate serve\`, launcher included, or"
  echo "  \`java -jar bench/target/hello-javalin.jar\`) to the first HTTP 200 on \`/health\`, polled every 4 ms;"
  echo "  interleaved, the first pair not counted. The empty store exists already (created and migrated)."
  echo "  Every Tollgate server runs with \`--disable-authz health\` so that \`/health\` answers 200 without a token."
  echo "- 1,000,000 tokens: seeded by \`SeedTokens\` (store opened once for its migrations, then one JDBC"
  echo "  transaction); \`TOLLGATE_JAVA_OPTS=-Xmx512m\`; heap read with \`jcmd PID GC.heap_info\` at the first 200."
  echo "- CLI rows: wall time of the whole command, interleaved with \`java -jar bench/target/hello-picocli.jar --version\`."
  echo "- Creation rate: wrk with one thread and one connection (one client; each POST waits for its 201), a Lua"
  echo "  script giving every request a new name, after a ${rate_warm_secs} s warm-up (until C2 has compiled the path);"
  echo "  against \`FsyncLoop\` (4 KiB append + \`FileChannel.force(true)\`) in the server's data directory; interleaved."
  echo "- RSS: \`VmRSS\` from \`/proc/PID/status\` after start plus 5,000 authenticated requests, and after"
  echo "  the load run (wrk -t2 -c16 in 5 s runs until the request count is reached)."
  [[ -z "$flood_how" ]] || echo "$flood_how"
  [[ -z "$cluster_notes" ]] || echo "$cluster_notes"
} >"$work/RESULTS.md"
[[ -z "$out_file" ]] || cp "$work/RESULTS.md" "$out_file"
echo
cat "$work/RESULTS.md"
echo
say "$failures row(s) over budget; logs in $work"
