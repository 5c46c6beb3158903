# shellcheck shell=bash
# Rows of ./bench/run.sh: start-up: empty store and 1,000,000 tokens. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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
  r="$(calc "$(paired_ratio_of "$work/start-tollgate.txt" "$work/start-hello.txt")")"
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

