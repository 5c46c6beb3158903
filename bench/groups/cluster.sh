# shellcheck shell=bash
# Rows of ./bench/run.sh: several nodes on PostgreSQL. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
# =============================================================================================
# cluster (issue 17, SPEC §11): two nodes on one PostgreSQL. Everything of this group is in this
# file; in run.sh only the group's name in `groups`, the header comment, pg_stop in cleanup and
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
cluster_rate_text=""
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
  cluster_rate "$steady_warm_secs" warm >/dev/null
  : >"$work/cluster-rate-create.txt"
  : >"$work/cluster-rate-jdbc.txt"
  : >"$work/cluster-rate-cpu.txt"
  : >"$work/cluster-rate-jdbc-work.txt"
  local round=0
  cluster_rate_rounds() {
    local i before cpu_us
    for ((i = 0; i < $1; i++)); do
      round=$((round + 1))
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.JdbcInsertLoop "$jdbc" "$rate_secs" >>"$work/cluster-rate-jdbc.txt"
      before="$(cpu_ticks "$pid_na")"
      cluster_rate "$rate_secs" "r$round" >>"$work/cluster-rate-create.txt"
      measure_cpu_us "$pid_na" "$before" "$work/cluster-named-r$round.txt"
      echo "$cpu_us" >>"$work/cluster-rate-cpu.txt"
      # the same loop, each insert after as much busy CPU as a creation took node A this round
      "$java_bin" -cp "$benchjar" io.tollgate.bench.tools.JdbcInsertLoop "$jdbc" "$rate_secs" "$cpu_us" \
        >>"$work/cluster-rate-jdbc-work.txt"
    done
  }
  cluster_rate_rounds "$rate_rounds"
  if large "$(spread_of "$work/cluster-rate-create.txt")" 0.3 || large "$(spread_of "$work/cluster-rate-jdbc.txt")" 0.3; then
    say "large spread on the PostgreSQL creation rate, more rounds"
    cluster_rate_rounds 2
  fi
  local r
  r="$(calc "$(paired_ratio_of "$work/cluster-rate-create.txt" "$work/cluster-rate-jdbc.txt")")"
  row "named-token creations/s over HTTP on a node of a 2-node PostgreSQL cluster, one client" \
    "$(fmt_stats "$work/cluster-rate-create.txt" /s)" \
    "$(fmt_stats "$work/cluster-rate-jdbc.txt" /s) pgjdbc INSERT+COMMIT loop" "${r}×" "≥ 0.5×" "$(ge "$r" 0.5)"
  cluster_rate_text="a creation took node A $(fmt_stats "$work/cluster-rate-cpu.txt" µs) of CPU (all its threads;"
  cluster_rate_text+=" PostgreSQL's and node B's work not counted); the JDBC loop with that much busy CPU before"
  cluster_rate_text+=" each insert made $(fmt_stats "$work/cluster-rate-jdbc-work.txt" /s),"
  cluster_rate_text+=" $(calc "$(paired_ratio_of "$work/cluster-rate-jdbc-work.txt" "$work/cluster-rate-jdbc.txt")")× the tight loop;"
  cluster_rate_text+=" the creations $(calc "$(paired_ratio_of "$work/cluster-rate-create.txt" "$work/cluster-rate-jdbc-work.txt")")× that"
  say "cluster creation rate, without a budget: $cluster_rate_text"
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
  # the ratio of each turn to the SHA-512 turn just before it, in the same fork (AuthenticateRows)
  pg_ratio() { awk -v b="$1" -v n="$2" '$1 == "RATIO" && $2 == b && $3 == n {print $4}' "$work/jmh-postgres.log"; }
  local b v sha base
  for n in 10 1000000; do
    sha="$(pg_jmh sha512Baseline "$n")"
    for b in authenticateValid authenticateUnknown; do
      v="$(pg_jmh "$b" "$n")"
      r="$(calc "$(pg_ratio "$b" "$n")")"
      row "\`$b\` on a node (TokenService on a PostgresStore, index loaded from PostgreSQL), $n stored tokens (ns/op)" \
        "$v" "SHA-512 $sha" "${r}×" "≤ 2.0×" "$(le "$r" 2.0)"
    done
  done
  for b in authenticateValid authenticateUnknown; do
    base="$(pg_ratio "$b" 10)"
    v="$(pg_ratio "$b" 1000000)"
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
  is. Creation rate: wrk -t1 -c1 on node A while B follows, after a ${steady_warm_secs} s warm-up, interleaved
  with \`JdbcInsertLoop\` (one pgjdbc connection, autocommit off, INSERT of a token-sized row into a table
  with the same unique indexes + COMMIT) on the same database; without a budget, in the same rounds:
  ${cluster_rate_text}. Authenticate: \`PostgresAuthenticateBenchmark\`,
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

