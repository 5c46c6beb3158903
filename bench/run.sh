#!/usr/bin/env bash
# Tollgate's performance budget (issue 8) in one command: builds what it needs, installs wrk when
# missing, runs every row against a baseline measured in the same run, prints the table and writes
# it to bench/RESULTS.md. Logs and raw samples go to bench/results/ (git-ignored). The rows of each
# group are in bench/groups/GROUP.sh, which this script sources after its helpers.
#
#   ./bench/run.sh                  # the full run (about 40 minutes on 2 cores)
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
# run interleaved (A B A B ...) and their ratio is the median of the rounds' ratios
# (paired_ratio_of); a row whose spread (max-min over median) is large gets extra rounds.
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
  steady_warm_secs=10 series_secs=20 series_rounds=1
  cli_rounds=5 create_rounds=4 rate_secs=4 rate_rounds=2 rss_requests=200000
else
  jmh_rounds=3 jmh_iter=3 jmh_secs=1 wrk_secs=10 wrk_rounds=4 start_rounds=7 seed_count=1000000
  steady_warm_secs=30 series_secs=60 series_rounds=3
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
# stats, median_of, spread_of, large, calc, paired_ratio_of (tested by BenchStatsTest)
# shellcheck source=bench/stats.sh
source "$root/bench/stats.sh"

exec {nap_fd}<> <(:) # a pipe nobody writes: read -t on it sleeps without forking
nap() { read -r -t "$1" -u "$nap_fd" _ || true; }

# a port no server listens on, below the kernel's ephemeral range (from 32768), where the local ends
# of the run's own client connections (wrk's, and those lingering in TIME_WAIT) never are
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % 22000))
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
# a process's CPU time so far, user + system, in clock ticks (fields 14 and 15 of /proc/PID/stat,
# counted after the command name, which may hold spaces)
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
clock_ticks="$(getconf CLK_TCK)"
# PID TICKS_BEFORE WRK_OUTPUT: the µs of CPU the process spent per request of the wrk run it just
# answered, from its cpu_ticks before the run; set in $cpu_us rather than printed, so that a run
# that answered nothing stops the bench (an exit inside a command substitution would not)
measure_cpu_us() {
  local requests
  requests="$(awk '/ requests in / {print $1}' "$3")"
  [[ "${requests:-0}" -gt 0 ]] || { echo "bench: no request answered in $3" >&2; exit 1; }
  cpu_us="$(calc "($(cpu_ticks "$1") - $2) * 1000000 / $clock_ticks / $requests" 0)"
}

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
# the row groups, one file each under bench/groups/, in the order the table lists them
# ---------------------------------------------------------------------------------------------
for group_file in jmh ping plateau forward-auth start cli rss flood recovery cluster; do
  # shellcheck source=/dev/null
  source "$root/bench/groups/$group_file.sh"
done

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
  echo "measured in the same run, on the same JDK and CPUs. A row whose two sides ran in interleaved"
  echo "rounds (A B A B ...) shows each side's median, and as its ratio the median of the rounds' own"
  echo "ratios (A ÷ B of the same round), which a drift of the machine during the row moves less."
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
  if [[ -n "${rate_floor_text:-}" ]]; then
    echo "Measured without a budget, in the creation-rate rounds (interleaved with them, same client and"
    echo "script): $rate_floor_text. The floor is what a durable creation over HTTP cannot beat: one round"
    echo "trip and one synced 4 KiB write. The loop with busy CPU before each write shows what the"
    echo "server's own work costs the disk: where idle CPUs sleep (a virtual machine), a sync that follows"
    echo "a pause in disk traffic waits longer for its completion than one in a tight loop."
    echo
  fi
  if [[ -n "${recovery_text:-}" ]]; then
    echo "Measured without a budget: one recovery-code verification (\`RecoveryCodeBenchmark\`, Argon2id"
    echo "m=19 MiB, t=2, p=1, JMH average time in one fork): $recovery_text."
    echo
  fi
  ((${#selected[@]} == 0)) || { echo "Only the row groups: ${selected[*]}."; echo; }
  echo "How each row is measured:"
  echo
  echo "- JMH ratios: one fork per size runs the baseline and what is measured against it in turns of one"
  echo "  iteration each (SHA-512, a valid token, an unknown token; \`authenticate\`, \`authorize\` of the same token;"
  echo "  last-use tracking off, on); a row's ratio is the median over all turns of (the turn's ns/op ÷ the baseline"
  echo "  turn just before it). Flat rows: that ratio at N stored tokens over the same at 10."
  echo "- Plateau and warm-up rows: each server started fresh (the hello-world with the server's JVM options:"
  echo "  \`${serve_flags[*]}\`), then wrk -t2 -c16 in 1 s steps for ${series_secs} s with the same Authorization header"
  echo "  (Tollgate's the operator token); plateau = median of the last third of the steps; warm-up = time from the"
  echo "  first request until the load reached 90% of the plateau to stay: the first step of the first 3-step window"
  echo "  whose median reaches 90% (or the next, if that one is below), interpolated from the step before, each"
  echo "  step's rate standing at its middle (not rounded to whole steps);"
  echo "  medians over $series_rounds round(s), interleaved, two more when either side's warm-ups spread over half"
  echo "  their median. Series in \`bench/results/*/series-*.txt\`."
  echo "- JMH rows: in $jmh_rounds rounds (each: every size in its own fork; one warm-up iteration per turn and"
  echo "  $jmh_iter measurement iterations of ${jmh_secs} s per operation); ns/op are medians over all measurement iterations."
  echo "  The baseline is a bare SHA-512 of the same 92-character token; the JMH step runs again when"
  echo "  the baseline's medians differ by more than 30% between sizes (load from elsewhere)."
  echo "- \`GET /ping\`: two servers side by side, one with \`--disable-authz health,ping\`; both get the identical"
  echo "  request, Authorization header included (the exempt server ignores it), so the ratio is the server's cost of"
  echo "  authenticating;"
  echo "  a ${steady_warm_secs} s warm-up of each request (steady state, as for forward-auth direct, nginx and the creation rates), then wrk rounds"
  echo "  interleaved A B A B."
  echo "- Start-up: wall time from launching the process (\`./tollgate serve\`, launcher included, or"
  echo "  \`java -jar bench/target/hello-javalin.jar\`) to the first HTTP 200 on \`/health\`, polled every 4 ms;"
  echo "  interleaved, the first pair not counted. The empty store exists already (created and migrated)."
  echo "  Every Tollgate server runs with \`--disable-authz health\` so that \`/health\` answers 200 without a token."
  echo "- 1,000,000 tokens: seeded by \`SeedTokens\` (store opened once for its migrations, then one JDBC"
  echo "  transaction); \`TOLLGATE_JAVA_OPTS=-Xmx512m\`; heap read with \`jcmd PID GC.heap_info\` at the first 200."
  echo "- CLI rows: wall time of the whole command, interleaved with \`java -jar bench/target/hello-picocli.jar --version\`."
  echo "- Creation rate: wrk with one thread and one connection (one client; each POST waits for its 201), a Lua"
  echo "  script giving every request a new name, after a ${steady_warm_secs} s warm-up (until C2 has compiled the path);"
  echo "  against \`FsyncLoop\` (4 KiB append + \`FileChannel.force(true)\`) in the server's data directory; interleaved,"
  echo "  with two more sides measured without a budget: the hello-world jar answering the same POSTs after a synced"
  echo "  4 KiB append each, and \`FsyncLoop\` spinning before each write for as long as a creation of the same"
  echo "  round kept the server's CPUs busy (its user + system time from \`/proc/PID/stat\` over the round's requests)."
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
