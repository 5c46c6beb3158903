# shellcheck shell=bash
# Rows of ./bench/run.sh: authenticate and authorize in process (JMH). Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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
  # the median over every turn of (its ns/op ÷ the SHA-512 turn just before it in the same fork)
  jmh_ratio() { awk -v b="$1" -v n="$2" '$1 == "RATIO" && $2 == b && $3 == n {print $4}' "$work/jmh.log"; }
  for n in 10 10000 1000000; do
    sha="$(jmh sha512Baseline "$n")"
    for b in authenticateValid authenticateUnknown; do
      v="$(jmh "$b" "$n")"
      r="$(calc "$(jmh_ratio "$b" "$n")")"
      row "\`$b\`, $n stored tokens (ns/op)" "$v ($(jmh_range "$b" "$n"))" "SHA-512 $sha" "${r}×" "≤ 2.0×" "$(le "$r" 2.0)"
    done
  done
  # "Flat" as a ratio of ratios: authenticate / SHA-512 at N stored tokens against the same at 10,
  # each ratio taken turn by turn within one fork, so that a fork that lands on a slower or busier
  # CPU, or a burst of load from elsewhere, moves both sides of it.
  for b in authenticateValid authenticateUnknown; do
    base="$(jmh_ratio "$b" 10)"
    for n in 10000 1000000; do
      v="$(jmh_ratio "$b" "$n")"
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
  lastuse_ratio() { awk -v b="$1" -v n="$2" '$1 == "RATIO" && $2 == b && $3 == n {print $4}' "$work/jmh-lastuse.log"; }
  for n in 10 100000; do
    on="$(lastuse_jmh authenticateTracked "$n")"
    off="$(lastuse_jmh authenticateUntracked "$n")"
    r="$(calc "$(lastuse_ratio authenticateTracked "$n")")"
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
  authz_ratio() { awk -v b="$1" -v n="$2" '$1 == "RATIO" && $2 == b && $3 == n {print $4}' "$work/jmh-authorize.log"; }
  for n in 10 1000000; do
    v="$(authz_jmh authorizePermitted "$n")"
    base="$(authz_jmh authenticateResourceToken "$n")"
    r="$(calc "$(authz_ratio authorizePermitted "$n")")"
    row "\`authorize\` of a resource token, permitted, $n stored tokens (ns/op)" "$v" \
      "\`authenticate\` of the same token $base" "${r}×" "≤ 1.2×" "$(le "$r" 1.2)"
  done
  # flat as a ratio of ratios, each side the median of turn-by-turn ratios within its own fork
  r10="$(authz_ratio authorizePermitted 10)"
  r1m="$(authz_ratio authorizePermitted 1000000)"
  r="$(calc "$r1m / $r10")"
  row "\`authorize\` flat: (ns/op ÷ authenticate) at 1000000 vs at 10 stored tokens" "$(calc "$r1m" 3)" \
    "$(calc "$r10" 3)" "${r}×" "0.8–1.2×" "$(awk -v r="$r" 'BEGIN {print (r >= 0.8 && r <= 1.2) ? 1 : 0}')"
fi

