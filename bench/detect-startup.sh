#!/usr/bin/env bash
# Wall time of `./cimatrix detect` over small audit logs, as people run it on a day's export: start-up (the JVM,
# the command line, the built-in rule pack, the state store) is most of it. Whole processes through the launcher,
# median of RUNS (default 11), each with a fresh state store.
#
# Usage: bench/detect-startup.sh [LOG...]       (default: the GitHub audit and CloudTrail samples in ../shared)
#        BASELINE=DIR bench/detect-startup.sh   also times the cimatrix checkout in DIR, alternating which goes first
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CIMATRIX_SHARED:-$root/../shared}
runs=${RUNS:-11}
logs=("$@")
if [[ ${#logs[@]} -eq 0 ]]; then
  logs=("$shared/corpus/audit-logs/github-audit.jsonl" "$shared/corpus/audit-logs/cloudtrail.jsonl")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checkouts=("$root")
if [[ -n "${BASELINE:-}" ]]; then checkouts+=("$(cd "$BASELINE" && pwd)"); fi
for dir in "${checkouts[@]}"; do "$dir/cimatrix" --version > /dev/null; done

ms() {
  local start end
  rm -f "$work/state.db"
  start=$(date +%s%N)
  "$1/cimatrix" detect --format json --output "$work/alerts.json" --state "$work/state.db" "${logs[@]}" \
    > /dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

declare -A times
for ((i = 1; i <= runs; i++)); do
  order=("${checkouts[@]}")
  if (( i % 2 == 0 )) && [[ ${#checkouts[@]} -eq 2 ]]; then order=("${checkouts[1]}" "${checkouts[0]}"); fi
  for dir in "${order[@]}"; do times[$dir]="${times[$dir]:-} $(ms "$dir")"; done
done
bytes=$(cat "${logs[@]}" | wc -c)
echo "logs: ${#logs[@]} files, $bytes bytes; runs: $runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for dir in "${checkouts[@]}"; do
  echo "$dir: median $(printf '%s\n' ${times[$dir]} | median) ms  (runs:${times[$dir]})"
done
