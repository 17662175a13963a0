#!/usr/bin/env python3
"""Precision over every finding of the two study populations, from the verdicts in docs/precision.md.

The populations are those of bench/precision-sample.py: the findings of severity high or critical, and the medium
findings outside the volume classes. Each finding of a scan gets the latest verdict docs/precision.md holds for its
(check, path, line): the studies are listed newest first, so the first table row that names it decides. Prints, for
each population, the counts of TP, FP and debatable verdicts and of findings no study has judged, the precision
with the debatable counted as false and as true, and the same per check.

With --unjudged it prints instead the findings no study has judged yet, as a Markdown table skeleton (ids C001…, the
verdict and reason left blank), in (check, path, line) order: the list a census judges.

Usage: bench/precision-census.py SCAN.json [--doc docs/precision.md] [--unjudged]
Reproduce the scan first as docs/precision.md says.
"""
import argparse
import collections
import importlib.util
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r"^\| [PCR]?\d+ \| `([\w-]+)` \| [\w/]+ \| `([^`]+):(\d+)` \| \*\*(TP|FP|debatable)\*\*", re.M)


def sample_module():
    spec = importlib.util.spec_from_file_location("precision_sample", os.path.join(HERE, "precision-sample.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def key(finding):
    loc = finding["location"]
    path = loc["path"][2:] if loc["path"].startswith("./") else loc["path"]
    return finding["check"], path, loc["startLine"]


def tier(finding):
    return "high and critical" if finding["severity"] in ("high", "critical") else "medium outside the volume classes"


def precision(counts):
    judged = counts["TP"] + counts["FP"] + counts["debatable"]
    if judged == 0:
        return "-"
    low = 100 * counts["TP"] / judged
    high = 100 * (counts["TP"] + counts["debatable"]) / judged
    strict = counts["TP"] + counts["FP"]
    without = f"{100 * counts['TP'] / strict:.1f}%" if strict else "-"
    return f"{low:.1f}% - {high:.1f}% (without debatable {counts['TP']}/{strict} = {without})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scan")
    ap.add_argument("--doc", default=os.path.join(HERE, "..", "docs", "precision.md"))
    ap.add_argument("--unjudged", action="store_true")
    args = ap.parse_args()
    volume = sample_module().volume
    verdicts = {}
    with open(args.doc, encoding="utf-8") as fh:
        for m in ROW.finditer(fh.read()):
            verdicts.setdefault((m.group(1), m.group(2), int(m.group(3))), m.group(4))
    with open(args.scan, encoding="utf-8") as fh:
        findings = json.load(fh)["findings"]
    population = [f for f in findings
                  if f["severity"] in ("high", "critical") or (f["severity"] == "medium" and not volume(f))]
    if args.unjudged:
        unjudged = sorted((f for f in population if key(f) not in verdicts), key=key)
        print("| id | check | severity | confidence | file:line | verdict | reason |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for i, f in enumerate(unjudged, 1):
            check, path, line = key(f)
            message = f["message"].replace("|", "\\|").replace("\n", " ")
            print(f"| C{i:03d} | {check} | {f['severity']} | {f['confidence']} | `{path}:{line}` |  | {message} |")
        return
    by_tier = collections.defaultdict(collections.Counter)
    by_check = collections.defaultdict(collections.Counter)
    for f in population:
        verdict = verdicts.get(key(f), "unjudged")
        by_tier[tier(f)][verdict] += 1
        by_check[(tier(f), f["check"])][verdict] += 1
    for t in ("high and critical", "medium outside the volume classes"):
        c = by_tier[t]
        print(f"{t}: {sum(c.values())} findings, TP {c['TP']}, FP {c['FP']}, debatable {c['debatable']}, "
              f"unjudged {c['unjudged']}: {precision(c)}")
        for (tt, check), cc in sorted(by_check.items()):
            if tt == t:
                print(f"  {check}: {sum(cc.values())}, TP {cc['TP']}, FP {cc['FP']}, debatable {cc['debatable']}, "
                      f"unjudged {cc['unjudged']}")


if __name__ == "__main__":
    main()
