#!/usr/bin/env python3
"""Writes a large GitHub audit log in JSON Lines from the real sample events of the shared corpus.

Each output line is one sample with its actor, repository, organisation, document id and timestamps varied (the
time advances steadily over the span). Real audit logs are dominated by routine events, so by default 99% of the
lines come from samples that no built-in rule alerts on and 1% from the rest; --alerting-share changes that.

Usage: generate-github-audit.py SAMPLES.jsonl ALERTING_LINES OUT.jsonl SIZE_MB [--alerting-share 0.01]
ALERTING_LINES is a file of 1-based sample line numbers that alert (one per line).
"""
import argparse
import json
import random

parser = argparse.ArgumentParser()
parser.add_argument('samples')
parser.add_argument('alerting_lines')
parser.add_argument('out')
parser.add_argument('size_mb', type=int)
parser.add_argument('--alerting-share', type=float, default=0.01)
parser.add_argument('--days', type=int, default=7)
args = parser.parse_args()

samples = [json.loads(line) for line in open(args.samples) if line.strip()]
alerting = {int(n) for n in open(args.alerting_lines).read().split()}
quiet = [s for i, s in enumerate(samples, 1) if i not in alerting]
loud = [s for i, s in enumerate(samples, 1) if i in alerting]
rng = random.Random(42)
actors = ['dev%02d' % i for i in range(60)] + ['ci-bot[bot]', 'dependabot[bot]', 'release-bot']
orgs = ['acme', 'acme-labs', 'acme-infra']
repos = ['%s/service-%02d' % (o, i) for o in orgs for i in range(10)]
start_ms = 1767225600000  # 2026-01-01T00:00:00Z
target = args.size_mb * 1024 * 1024
estimate = max(1, target // 600)
step_ms = max(1, args.days * 86400000 // estimate)

written = 0
n = 0
with open(args.out, 'w') as out:
    while written < target:
        pool = loud if loud and rng.random() < args.alerting_share else quiet
        event = dict(rng.choice(pool))
        ts = start_ms + n * step_ms
        actor = rng.choice(actors)
        repo = rng.choice(repos)
        if 'actor' in event:
            event['actor'] = actor
        if 'repo' in event:
            event['repo'] = repo
        if 'org' in event:
            event['org'] = repo.split('/')[0]
        if '_document_id' in event:
            event['_document_id'] = '%022x' % rng.getrandbits(88)
        if '@timestamp' in event or 'created_at' not in event:
            event['@timestamp'] = ts
        if 'created_at' in event:
            event['created_at'] = ts
        line = json.dumps(event, separators=(',', ':')) + '\n'
        out.write(line)
        written += len(line)
        n += 1
print(n, written)
