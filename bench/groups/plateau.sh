# shellcheck shell=bash
# Rows of ./bench/run.sh: warm-up and plateau from process start. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
# ---------------------------------------------------------------------------------------------
# 4b. warm-up and plateau from process start: authenticated GET /ping vs a Javalin hello-world
# ---------------------------------------------------------------------------------------------
# Each server is started fresh and loaded at once with wrk in 1 s steps (-t2 -c16, the same
# Authorization header for both) for $series_secs s; its plateau is the median of the last third
# of the steps, and its warm-up the time from the first request until the load reached 90% of that
# plateau to stay (see t90_of: between step midpoints, not rounded to whole steps). The hello-world runs on the same JDK
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
t90_of() { # SERIES PLATEAU -> seconds from the first request until the load reached 90% of the plateau
  # The step where it stays: the first whose 3-step rolling median (it and the next two) reaches 90%,
  # so that one fast step does not count. The time inside the steps: each step's rate is taken as the
  # rate at its middle, and the figure is where the line from the step before (the start of the load,
  # at 0 req/s, before the first) to the first step of that window at or over 90% crosses it. Steps
  # are whole seconds; a server that warms up in 4 s would otherwise be ±25% from rounding alone.
  awk -v p="$2" '{t[NR] = $1; r[NR] = $2} END {
    goal = 0.9 * p
    if (goal <= 0) {print t[NR]; exit}
    t[0] = 0; r[0] = 0; mid[0] = 0
    for (i = 1; i <= NR; i++) mid[i] = (t[i - 1] + t[i]) / 2
    for (i = 1; i <= NR - 2; i++) {
      a = r[i]; b = r[i + 1]; c = r[i + 2]
      m = (a > b) ? ((b > c) ? b : ((a > c) ? c : a)) : ((a > c) ? a : ((b > c) ? c : b))
      if (m >= goal) {
        j = (r[i] >= goal) ? i : i + 1
        # r[j - 1] < goal here: else the window one step earlier would have reached 90% already
        printf "%.2f\n", mid[j - 1] + (goal - r[j - 1]) / (r[j] - r[j - 1]) * (mid[j] - mid[j - 1])
        exit
      }
    }
    print t[NR]
  }' "$1"
}

plateau_round() { # LABEL PATH ROUND: one fresh hello-world series, then one fresh Tollgate series
  local label="$1" path="$2" round="$3" port token series p
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
}

# plateau_rows LABEL PATH: the two rows for Tollgate's PATH (authenticated with the operator token)
# against the hello-world's /ping, series_rounds rounds interleaved (hello-world first); two more
# rounds when either side's warm-up times spread over more than half their median (one slow start
# of either side moves a median of three)
plateau_rows() {
  local label="$1" path="$2" round
  : >"$work/plateau-$label-hello.txt"
  : >"$work/plateau-$label-tollgate.txt"
  : >"$work/t90-$label-hello.txt"
  : >"$work/t90-$label-tollgate.txt"
  for ((round = 1; round <= series_rounds; round++)); do
    plateau_round "$label" "$path" "$round"
  done
  if large "$(spread_of "$work/t90-$label-tollgate.txt")" 0.5 || large "$(spread_of "$work/t90-$label-hello.txt")" 0.5; then
    say "large spread on the warm-up of $path, more rounds"
    for ((round = series_rounds + 1; round <= series_rounds + 2; round++)); do
      plateau_round "$label" "$path" "$round"
    done
  fi
  local r
  r="$(calc "$(paired_ratio_of "$work/plateau-$label-tollgate.txt" "$work/plateau-$label-hello.txt")")"
  row "authenticated \`GET $path\` plateau from a fresh start (wrk -t2 -c16, 1 s steps, last third of ${series_secs} s, req/s)" \
    "$(fmt_stats "$work/plateau-$label-tollgate.txt" "")" "$(fmt_stats "$work/plateau-$label-hello.txt" "") Javalin hello-world \`/ping\`" \
    "${r}×" "≥ 0.9×" "$(ge "$r" 0.9)"
  r="$(calc "$(paired_ratio_of "$work/t90-$label-tollgate.txt" "$work/t90-$label-hello.txt")")"
  row "\`GET $path\`: first request under load → 90% of the plateau (s)" \
    "$(fmt_stats "$work/t90-$label-tollgate.txt" s)" "$(fmt_stats "$work/t90-$label-hello.txt" s) Javalin hello-world" \
    "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
}

if want plateau; then
  say "HTTP: warm-up and plateau of authenticated GET /ping vs Javalin hello-world, from process start"
  plateau_rows ping /ping
fi

