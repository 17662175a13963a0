#!/usr/bin/env python3
"""Draw the precision-study sample from a cimatrix JSON scan.

Takes the findings of severity high or critical, allocates SIZE sample slots across the checks in
proportion to each check's share of those findings (every check gets at least one; the rest go by
largest remainder, ties broken by check id), and draws each check's slots without replacement with a
fixed seed from its findings sorted by (path, startLine, startColumn, fingerprint). The result does
not depend on the order of findings in the JSON, only on the set of findings.

With --medium it draws instead from the findings of severity medium outside the two volume classes (every
gha-unpinned-uses finding, and gha-excessive-permissions' findings of a missing permissions block or read-all,
which are right by construction): a simple random draw of SIZE with the seed, from those findings in the scan's
order, listed by (check, path, line).

With --low it draws from the findings of severity low instead, with the same allocation across checks as for
high and critical, leaving out gha-artipacked (a checkout that keeps its token, which its own default does): that
class alone is most low findings.

With --volume it draws from the medium findings of the two volume classes, allocated across the two checks.

Prints the sample as a Markdown table skeleton (verdict and reason left blank for the reader).

Usage: bench/precision-sample.py SCAN.json [--seed 20261122] [--size 50] [--medium | --low | --volume]
Reproduce the scan first (see docs/precision.md), e.g.:
  cd ../shared/corpus/real-world/github-actions
  find . -type f \\( -name '*.yml' -o -name '*.yaml' \\) | sort > /tmp/prec-files.txt
  cimatrix scan --format json --fail-on none -o /tmp/prec.json @/tmp/prec-files.txt
"""
import argparse
import json
import math
import random
import sys

SEVERITIES = ("high", "critical")


def allocate(counts, size):
    total = sum(counts.values())
    quota = {c: size * n / total for c, n in counts.items()}
    alloc = {c: min(counts[c], max(1, math.floor(q))) for c, q in quota.items()}
    # Too many (the minimum of one pushed us over): take back from the most over-served.
    while sum(alloc.values()) > size:
        c = min((c for c in alloc if alloc[c] > 1), key=lambda c: (quota[c] - alloc[c], c))
        alloc[c] -= 1
    # Too few: hand out by largest remainder.
    while sum(alloc.values()) < size:
        open_ = [c for c in alloc if alloc[c] < counts[c]]
        if not open_:
            break
        c = min(open_, key=lambda c: (alloc[c] - quota[c], c))
        alloc[c] += 1
    return alloc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scan")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--size", type=int, default=50)
    ap.add_argument("--medium", action="store_true", help="medium findings outside the volume classes")
    ap.add_argument("--low", action="store_true", help="low findings, allocated across checks as for high/critical")
    ap.add_argument("--volume", action="store_true", help="medium findings of the volume classes, allocated by class")
    args = ap.parse_args()
    if args.medium:
        medium(args)
        return
    severities = ("low",) if args.low else ("medium",) if args.volume else SEVERITIES

    with open(args.scan, encoding="utf-8") as fh:
        findings = [f for f in json.load(fh)["findings"]
                    if f["severity"] in severities and not (args.low and f["check"] == "gha-artipacked")
                    and (not args.volume or volume(f))]
    by_check = {}
    for f in findings:
        by_check.setdefault(f["check"], []).append(f)
    for fs in by_check.values():
        fs.sort(key=lambda f: (f["location"]["path"], f["location"]["startLine"],
                               f["location"].get("startColumn", 0), f["fingerprint"]))
    counts = {c: len(fs) for c, fs in by_check.items()}
    alloc = allocate(counts, args.size)

    rng = random.Random(args.seed)
    sample = []
    for check in sorted(by_check):
        sample.extend(rng.sample(by_check[check], alloc[check]))

    label = ("low findings outside gha-artipacked" if args.low else "medium findings of the volume classes"
             if args.volume else "high/critical findings")
    write(f"{len(findings)} {label} in {len(by_check)} checks", label, counts, alloc, sample, args.seed)

def volume(f):
    """A finding of the classes that are right by construction and make up most medium findings."""
    if f["check"] == "gha-unpinned-uses":
        return True
    return f["check"] == "gha-excessive-permissions" and (
        "has no permissions block" in f["message"] or "read-all" in f["message"])


def medium(args):
    with open(args.scan, encoding="utf-8") as fh:
        population = [f for f in json.load(fh)["findings"] if f["severity"] == "medium" and not volume(f)]
    counts = {}
    for f in population:
        counts[f["check"]] = counts.get(f["check"], 0) + 1
    sample = sorted(random.Random(args.seed).sample(population, min(args.size, len(population))),
                    key=lambda f: (f["check"], f["location"]["path"], f["location"]["startLine"]))
    drawn = {}
    for f in sample:
        drawn[f["check"]] = drawn.get(f["check"], 0) + 1
    write(f"{len(population)} medium findings outside the volume classes in {len(counts)} checks",
          "medium findings", counts, drawn, sample, args.seed)


def write(population, label, counts, drawn, sample, seed):
    """The sample as a Markdown table skeleton: findings and draws per check, then one row per finding."""
    out = sys.stdout
    out.write(f"<!-- {population}; seed {seed}; sample {len(sample)} -->\n\n")
    out.write(f"| check | {label} | sampled |\n| --- | ---: | ---: |\n")
    for check in sorted(counts):
        out.write(f"| {check} | {counts[check]} | {drawn.get(check, 0)} |\n")
    out.write("\n| id | check | severity | confidence | file:line | verdict | reason |\n")
    out.write("| --- | --- | --- | --- | --- | --- | --- |\n")
    for i, f in enumerate(sample, 1):
        loc = f["location"]
        msg = f["message"].replace("|", "\\|")
        out.write(f"| P{i:02d} | {f['check']} | {f['severity']} | {f['confidence']} | "
                  f"`{loc['path']}:{loc['startLine']}` |  | {msg} |\n")

if __name__ == "__main__":
    main()
