#!/usr/bin/env bash
# Throughput of `cimatrix detect` with the whole built-in rule pack over a large GitHub audit log, against Jackson's
# streaming parser alone reading the same file. Whole processes (JVM start included), pinned to one core with
# taskset when present, median of RUNS runs each. Rates are computed from CPU time (user + system) and shown from
# wall time as well: on a shared machine wall time mostly measures the other processes. The generated log stays
# under $WORK (default /tmp).
#
# Usage: bench/detect-throughput.sh            (SIZE_MB=1024 RUNS=5 by default)
#        SIZE_MB=256 RUNS=3 bench/detect-throughput.sh
#        ALERTING_SHARE=0.05 bench/detect-throughput.sh   share of lines from samples that alert (default 0.01)
#        EXTRA_RULES=DIR bench/detect-throughput.sh   also load the rules under DIR (--rules DIR)
#        JAR=FILE bench/detect-throughput.sh          measure this jar instead of target/cimatrix.jar
#        BASELINE_JAR=FILE bench/detect-throughput.sh also time `detect` from another build's jar in every round,
#                                                     alternating which goes first, and print the paired ratios
#        LAUNCHER=1 bench/detect-throughput.sh        also time ./cimatrix detect (the launcher's JVM settings), as
#                                                     users run it, with the parser alone under the same settings
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CIMATRIX_SHARED:-$root/../shared}
size_mb=${SIZE_MB:-1024}
runs=${RUNS:-5}
work=${WORK:-/tmp/cimatrix-bench}
mkdir -p "$work"
samples="$shared/corpus/audit-logs/github-audit.jsonl"
jar=${JAR:-$root/target/cimatrix.jar}
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
rules=()
if [[ -n "${EXTRA_RULES:-}" ]]; then rules=(--rules "$EXTRA_RULES"); fi

if [[ ! -f "$jar" || -n "${REBUILD:-}" ]]; then
  (cd "$root" && ./mvnw -q -B package -DskipTests)
fi
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$jar" "$root/bench/ParseAlone.java"

# Which samples alert with the pack, so the generated log can be mostly routine events.
java -jar "$jar" detect "${rules[@]}" --format json --dedup-window 0 --state "$work/samples.db" "$samples" \
  | python3 -c 'import json,sys; print("\n".join(sorted({str(e["line"]) for a in json.load(sys.stdin)["alerts"] for e in a["events"]})))' \
  > "$work/alerting-lines.txt"
rm -f "$work/samples.db"
# The log is named for the samples that alert, so that a pack whose rules alert on other samples gets a log of its
# own rather than one where routine lines now alert.
log="$work/github-audit-${size_mb}m-${ALERTING_SHARE:-0.01}-$(sha1sum < "$work/alerting-lines.txt" | cut -c1-8).jsonl"
if [[ ! -f "$log" ]]; then
  python3 "$root/bench/generate-github-audit.py" "$samples" "$work/alerting-lines.txt" "$log" "$size_mb" \
    --alerting-share "${ALERTING_SHARE:-0.01}"
fi

# Prints "wall cpu" seconds of a command; its standard output goes to $work/last.out.
seconds() {
  local TIMEFORMAT='%R %U %S'
  { time "$@" > "$work/last.out" 2> "$work/last.err"; } 2>&1 | awk '{print $1, $2 + $3}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# CPU seconds of `detect` from the jar $1, its report written beside the measured jar's.
detect_cpu_of() {
  rm -f "$work/baseline-state.db"
  seconds "${pin[@]}" java -jar "$1" detect "${rules[@]}" --format json --output "$work/baseline-alerts.json" \
    --state "$work/baseline-state.db" "$log" | awk '{print $2}'
}

# The JVM options the launcher gives `detect` over this log, asked of the launcher itself, for the parse-alone run
# beside `./cimatrix detect` (without the class-data cache, which holds cimatrix's classes, not the bench's).
launcher_opts=()
if [[ -n "${LAUNCHER:-}" ]]; then
  "$root/cimatrix" --version > /dev/null
  mapfile -t launcher_opts < <(CIMATRIX_SHOW_JAVA_OPTS=1 "$root/cimatrix" detect "${rules[@]}" "$log" \
    | grep -v -e '^-XX:SharedArchiveFile=' -e '^-Xshare:' -e '^-XX:AOTCache=')
fi

parse_wall=(); parse_cpu=(); detect_wall=(); detect_cpu=(); base_cpu=()
lparse_wall=(); lparse_cpu=(); ldetect_wall=(); ldetect_cpu=()
for i in $(seq "$runs"); do
  if [[ -n "${LAUNCHER:-}" ]]; then
    read -r wall cpu < <(seconds "${pin[@]}" java "${launcher_opts[@]}" -cp "$jar:$work/classes" ParseAlone "$log")
    lparse_wall+=("$wall"); lparse_cpu+=("$cpu")
    rm -f "$work/state.db"
    read -r wall cpu < <(seconds "${pin[@]}" "$root/cimatrix" detect "${rules[@]}" --format json \
        --output "$work/alerts.json" --state "$work/state.db" "$log")
    ldetect_wall+=("$wall"); ldetect_cpu+=("$cpu")
  fi
  read -r wall cpu < <(seconds "${pin[@]}" java -cp "$jar:$work/classes" ParseAlone "$log")
  parse_wall+=("$wall"); parse_cpu+=("$cpu")
  read -r events bytes < "$work/last.out"
  # With a baseline jar, odd rounds time it before this jar and even rounds after, so that a drift of the
  # machine's speed within a round does not favour either.
  if [[ -n "${BASELINE_JAR:-}" && $((i % 2)) -eq 1 ]]; then base_cpu+=("$(detect_cpu_of "$BASELINE_JAR")"); fi
  rm -f "$work/state.db"
  read -r wall cpu < <(seconds "${pin[@]}" java -jar "$jar" detect "${rules[@]}" --format json \
      --output "$work/alerts.json" --state "$work/state.db" "$log")
  detect_wall+=("$wall"); detect_cpu+=("$cpu")
  if [[ -n "${BASELINE_JAR:-}" && $((i % 2)) -eq 0 ]]; then base_cpu+=("$(detect_cpu_of "$BASELINE_JAR")"); fi
done
median_of() { printf '%s\n' "$@" | median; }
alerts=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["alerts"]), d["stats"]["ruleMatches"], d["stats"]["events"])' "$work/alerts.json")
rule_count=$(java -jar "$jar" rules list "${rules[@]}" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rules"]))')

echo "file: $log ($bytes bytes, $events events); rules: $rule_count; runs: $runs; pinned: ${pin[*]:-no}"
echo "parse alone runs, CPU s: ${parse_cpu[*]}   wall s: ${parse_wall[*]}"
echo "detect runs, CPU s:      ${detect_cpu[*]}   wall s: ${detect_wall[*]}"
echo "alerts, rule matches, events read by detect: $alerts"
report() {
  awk -v what="$1" -v b="$bytes" -v e="$events" -v p="$2" -v d="$3" 'BEGIN {
    printf "%s time, median of runs\n", what
    printf "  parse alone: %6.1f s  %7.1f MB/s  %9.0f events/s\n", p, b / 1e6 / p, e / p
    printf "  detect:      %6.1f s  %7.1f MB/s  %9.0f events/s\n", d, b / 1e6 / d, e / d
    printf "  detect / parse alone: %.1f%%\n", 100 * p / d
  }'
}
report CPU "$(median_of "${parse_cpu[@]}")" "$(median_of "${detect_cpu[@]}")"
report wall "$(median_of "${parse_wall[@]}")" "$(median_of "${detect_wall[@]}")"
if [[ -n "${LAUNCHER:-}" ]]; then
  echo "through the launcher (${launcher_opts[*]}):"
  echo "parse alone runs, CPU s: ${lparse_cpu[*]}   wall s: ${lparse_wall[*]}"
  echo "./cimatrix detect runs, CPU s: ${ldetect_cpu[*]}   wall s: ${ldetect_wall[*]}"
  report "launcher, CPU" "$(median_of "${lparse_cpu[@]}")" "$(median_of "${ldetect_cpu[@]}")"
fi
if [[ -n "${BASELINE_JAR:-}" ]]; then
  echo "baseline jar ($BASELINE_JAR), detect runs, CPU s: ${base_cpu[*]}"
  ratios=()
  for ((k = 0; k < ${#detect_cpu[@]}; k++)); do
    ratios+=("$(awk -v a="${detect_cpu[$k]}" -v b="${base_cpu[$k]}" 'BEGIN {printf "%.3f", a / b}')")
  done
  awk -v b="$(median_of "${base_cpu[@]}")" -v d="$(median_of "${detect_cpu[@]}")" -v r="$(median_of "${ratios[@]}")" \
      -v bytes="$bytes" -v e="$events" 'BEGIN {
    printf "baseline detect: %6.1f s  %7.1f MB/s  %9.0f events/s (CPU, median of runs)\n", b, bytes / 1e6 / b, e / b
    printf "detect / baseline detect, CPU time: %.3f (median of the paired runs: %.3f)\n", d / b, r
  }'
  echo "paired ratios: ${ratios[*]}"
fi
