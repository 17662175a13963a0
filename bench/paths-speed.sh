#!/usr/bin/env bash
# Whole-process time of `cimatrix paths` over a synthetic organisation of 1,000 repositories and 20,000
# jobs (bench/generate-org.py): one warm-up run, which also builds the launcher's class-data cache, then
# RUNS timed runs; prints the median, the CPU time of the median run, and what the run found.
#
# Usage: bench/paths-speed.sh [REPOS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
repos="${1:-1000}"
runs="${2:-5}"

./cimatrix --version >/dev/null
org=$(mktemp -d)
out=$(mktemp)
trap 'rm -rf "$org" "$out"' EXIT
python3 bench/generate-org.py "$org" "$repos"
files=$(find "$org" -type f | wc -l)
jobs=$(grep -rhc '^  [a-z]*[0-9]\+:$' "$org" --include='*.yml' | awk '{s += $1} END {print s}')

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
paths_run() { ./cimatrix paths --format json --output "$out" "$org"; }

paths_run >/dev/null 2>&1
wall=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  cpu=$( { /usr/bin/time -f '%U %S' ./cimatrix paths --format json --output "$out" "$org" >/dev/null; } 2>&1 | tail -n 1)
  end=$(date +%s%N)
  wall+=("$(( (end - start) / 1000000 ))")
  echo "  run $i: ${wall[-1]} ms wall, cpu user/sys s: $cpu, load: $(cut -d' ' -f1 /proc/loadavg)" >&2
done
m=$(printf '%s\n' "${wall[@]}" | median)
summary=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print(f\"{s['paths']} paths, graph {s['nodes']} nodes and {s['moves']} moves, truncated: {s['truncated']}\")" "$out")
echo "organisation: $repos repositories, $jobs jobs, $files files"
echo "cimatrix paths (cold process, JSON output), median of $runs: $m ms (target under 5000 ms)"
echo "found: $summary"
