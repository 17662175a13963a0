#!/usr/bin/env bash
# Scores cimatrix against peers' own fixtures with ../shared/tools/conformance.
#
# The shared zizmor fixtures list one file that is not in the corpus
# (test-data/e2e-menagerie/.github/workflows/ignored.yaml, whose expected result is "no finding"), and the
# tool stops at it. This script runs the unchanged tool over a temporary copy of the fixtures in which each
# missing file is an empty file, which has no findings either.
#
# Usage: bench/conformance.sh [conformance options, e.g. --show-misses, --json, --peer zizmor]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CIMATRIX_SHARED:-$root/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tools" "$work/corpus"
cp "$shared/tools/conformance" "$work/tools/conformance"
cp -r "$shared/corpus/peer-fixtures" "$work/corpus/peer-fixtures"
chmod -R u+w "$work/corpus"
python3 - "$work/corpus/peer-fixtures" <<'PY'
import json, os, sys
base = sys.argv[1]
for peer in sorted(os.listdir(base)):
    expected = os.path.join(base, peer, 'expected.jsonl')
    if not os.path.isfile(expected):
        continue
    for line in open(expected):
        if line.strip():
            name = json.loads(line)['file']
            path = os.path.join(base, peer, name)
            if not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                open(path, 'w').close()
                print(f'note: {peer}: {name} is missing from the corpus; scored as an empty file', file=sys.stderr)
PY
cd "$root"
python3 "$work/tools/conformance" --cimatrix "$root/cimatrix" "$@"
