# shellcheck shell=bash
# Rows of ./bench/run.sh: a flood of wrong tokens. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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
  r="$(calc "$(paired_ratio_of "$work/flood-under.txt" "$work/flood-baseline.txt")")"
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

