# shellcheck shell=bash
# The statistics of ./bench/run.sh, sourced by it (and by BenchStatsTest): pure functions of their
# arguments and files, no settings of the run.
stats() { # stdin: one number a line -> "median min max n"
  sort -g | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; print m, a[1], a[NR], NR}'
}
median_of() { stats <"$1" | cut -d' ' -f1; }
spread_of() { stats <"$1" | awk '{print ($1 > 0 ? ($3-$2)/$1 : 0)}'; }
large() { awk -v s="$1" -v lim="$2" 'BEGIN {exit !(s > lim)}'; }
calc() { awk "BEGIN {printf \"%.${2:-2}f\", $1}"; }
# The ratio of a row whose two sides ran in interleaved rounds (A B A B ..., one line per round in
# each file): the median over the rounds of A's figure over B's figure of the same round. A drift
# of the machine moves both figures of a round alike and cancels in their quotient; in the quotient
# of the two medians it does not when the slow rounds fall on the sides unevenly. Files of unequal
# length (a round without a figure) fall back to the quotient of the medians, and say so on stderr
# (the run's log), so that a row's method never changes unnoticed.
paired_ratio_of() {
  if [[ "$(wc -l <"$1")" -ne "$(wc -l <"$2")" ]]; then
    echo "bench: $1 and $2 differ in rounds; ratio of their medians instead of paired" >&2
    calc "$(median_of "$1") / $(median_of "$2")" 6
    return
  fi
  paste -d' ' "$1" "$2" | awk '$2 > 0 {printf "%.6f\n", $1 / $2}' | stats | cut -d' ' -f1
}
