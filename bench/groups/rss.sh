# shellcheck shell=bash
# Rows of ./bench/run.sh: resident memory under load. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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

