# shellcheck shell=bash
# Rows of ./bench/run.sh: the CLI and the creation rate. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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
  r="$(calc "$(paired_ratio_of "$work/cli-version.txt" "$work/cli-hello.txt")")"
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
  r="$(calc "$(paired_ratio_of "$work/cli-create.txt" "$work/cli-hello2.txt")")"
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
  # the floor, measured without a budget: the hello-world answering the same POST with 201 after a
  # 4 KiB append + fsync (one round trip and one synced write per request, nothing else)
  port_floor="$(free_port)"
  start_timed "$work/hello-javalin-floor.log" "$port_floor" \
    "$java_bin" "${serve_flags[@]}" -jar "$hello_javalin" "$port_floor" "$work/data-create-floor"
  pid_floor="$started_pid"
  floor_rate() { # seconds label -> POSTs/s to the hello-world's synced append (same client, same script)
    local out="$work/floor-$2.txt"
    BENCH_TOKEN="$token_c" BENCH_PREFIX="$2" wrk -t1 -c1 -d"$1s" -s "$work/named.lua" "http://127.0.0.1:$port_floor" >"$out"
    grep -q 'Non-2xx' "$out" && { echo "bench: failed floor requests in $out" >&2; cat "$out" >&2; exit 1; }
    awk '/^Requests\/sec:/ {print $2}' "$out"
  }
  # warm-up of the write path, not counted: long enough for C2 to have compiled the path (the JVM's
  # default thresholds), so the rounds measure the steady state
  named_rate "$steady_warm_secs" warm >/dev/null
  floor_rate "$steady_warm_secs" warm >/dev/null
  : >"$work/rate-create.txt"
  : >"$work/rate-fsync.txt"
  : >"$work/rate-floor.txt"
  : >"$work/rate-cpu.txt"
  : >"$work/rate-fsync-work.txt"
  rate_round=0
  rate_rounds_run() {
    local before cpu_us
    for ((i = 0; i < $1; i++)); do
      rate_round=$((rate_round + 1))
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.FsyncLoop "$work/data-create" "$rate_secs" >>"$work/rate-fsync.txt"
      before="$(cpu_ticks "$pid_c")"
      named_rate "$rate_secs" "r$rate_round" >>"$work/rate-create.txt"
      measure_cpu_us "$pid_c" "$before" "$work/named-r$rate_round.txt"
      echo "$cpu_us" >>"$work/rate-cpu.txt"
      floor_rate "$rate_secs" "r$rate_round" >>"$work/rate-floor.txt"
      # the same synced write as the loop's, each after as much busy CPU as a creation took this round
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.FsyncLoop "$work/data-create" "$rate_secs" "$cpu_us" >>"$work/rate-fsync-work.txt"
    done
  }
  rate_rounds_run "$rate_rounds"
  if large "$(spread_of "$work/rate-create.txt")" 0.3 || large "$(spread_of "$work/rate-fsync.txt")" 0.3; then
    say "large spread on creation rate, more rounds"
    rate_rounds_run 2
  fi
  r="$(calc "$(paired_ratio_of "$work/rate-create.txt" "$work/rate-fsync.txt")")"
  row "named-token creations/s over HTTP, one client, synchronous=FULL, audit on (each creation's audit line in its transaction)" "$(fmt_stats "$work/rate-create.txt" /s)" \
    "$(fmt_stats "$work/rate-fsync.txt" /s) 4 KiB append+fsync" "${r}×" "≥ 0.5×" "$(ge "$r" 0.5)"
  stop_pid "$pid_floor"
  rate_floor_text="the hello-world answering the same POSTs after a 4 KiB append + fsync each made $(fmt_stats "$work/rate-floor.txt" /s),"
  rate_floor_text+=" $(calc "$(paired_ratio_of "$work/rate-floor.txt" "$work/rate-fsync.txt")")× the fsync loop;"
  rate_floor_text+=" the named-token creations $(calc "$(paired_ratio_of "$work/rate-create.txt" "$work/rate-floor.txt")")× that."
  rate_floor_text+=" A creation took $(fmt_stats "$work/rate-cpu.txt" µs) of the server's CPU (all its threads);"
  rate_floor_text+=" the fsync loop with that much busy CPU before each write made $(fmt_stats "$work/rate-fsync-work.txt" /s),"
  rate_floor_text+=" $(calc "$(paired_ratio_of "$work/rate-fsync-work.txt" "$work/rate-fsync.txt")")× the tight loop;"
  rate_floor_text+=" the named-token creations $(calc "$(paired_ratio_of "$work/rate-create.txt" "$work/rate-fsync-work.txt")")× that"
  say "creation-rate floor: $rate_floor_text"
fi
[[ -z "$pid_c" ]] || stop_pid "$pid_c"

