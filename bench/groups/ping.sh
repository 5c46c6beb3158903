# shellcheck shell=bash
# Rows of ./bench/run.sh: authenticated GET /ping vs --disable-authz ping. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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
  # warm-up of both JITs, not counted: each request long enough for C2 to have compiled its path, so
  # that the rounds compare steady states (the plateau group measures the warm-up itself)
  wrk_secs_saved="$wrk_secs"
  wrk_secs="$steady_warm_secs"
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
  r="$(calc "$(paired_ratio_of "$work/ping-auth.txt" "$work/ping-open.txt")")"
  row "authenticated \`GET /ping\` (wrk -t2 -c16 ${wrk_secs}s, req/s)" "$(fmt_stats "$work/ping-auth.txt" "")" \
    "$(fmt_stats "$work/ping-open.txt" "") with \`--disable-authz ping\`" "${r}×" "≥ 0.95×" "$(ge "$r" 0.95)"
  r="$(calc "$(paired_ratio_of "$work/ping-resource.txt" "$work/ping-open.txt")")"
  row "\`GET /ping\` with a \`system:ping:read\` resource token (wrk -t2 -c16 ${wrk_secs}s, req/s)" \
    "$(fmt_stats "$work/ping-resource.txt" "")" "$(fmt_stats "$work/ping-open.txt" "") with \`--disable-authz ping\`" \
    "${r}×" "≥ 0.95×" "$(ge "$r" 0.95)"
fi

