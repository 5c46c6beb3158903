# shellcheck shell=bash
# Rows of ./bench/run.sh: recovery-code verification. Sourced by run.sh in its order, with its helpers and
# settings; not a script of its own.
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

