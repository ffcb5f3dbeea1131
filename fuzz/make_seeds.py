#!/usr/bin/env python3
"""Writes the seed corpus `fuzz/seeds/<target>/` from the conformance vectors in `tests/vectors`
(small files only), plus a few fixed byte strings for the structured targets. Run from anywhere;
rerun after the vectors change. Seeds are named after their source, so reruns are stable."""
import glob
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VEC = os.path.join(ROOT, "tests", "vectors")
OUT = os.path.join(ROOT, "fuzz", "seeds")
MAX_SEED = 16 * 1024


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(target, name, data):
    if isinstance(data, (dict, list)):
        data = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) <= MAX_SEED, f"{target}/{name}: {len(data)} bytes"
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


for path in sorted(glob.glob(os.path.join(VEC, "registries", "*.json"))):
    doc = load(path)
    target = "agreements" if path.endswith(".agreements.json") else "registry"
    write(target, stem(path) + ".json", doc)

for path in sorted(glob.glob(os.path.join(VEC, "agreements", "*.json"))):
    case = load(path)
    if isinstance(case.get("agreements"), dict):
        write("agreements", stem(path) + ".json", case["agreements"])

for path in sorted(glob.glob(os.path.join(VEC, "consent", "*.json"))):
    case = load(path)
    write("consent_store", stem(path) + ".json", case["store"])
    if case.get("request"):
        write("consent_request", stem(path) + ".json", case["request"])

options = {}
for path in sorted(glob.glob(os.path.join(VEC, "matching", "*.json"))):
    case = load(path)
    write("match_request", stem(path) + ".json", case["request"])
    options[json.dumps(case["options"], sort_keys=True)] = stem(path)
    for i, update in enumerate(case.get("capacity_updates", [])):
        write("capacity_update", f"{stem(path)}-{i}.json", update)
        # The fuzz body applies updates to the region registry: the same update for one of its teams.
        write("capacity_update", f"{stem(path)}-{i}-region.json", dict(update, team="p1-day", expected_version=0))
for path in sorted(glob.glob(os.path.join(VEC, "agreements", "*.json"))):
    case = load(path)
    if case["operation"] == "match":
        write("match_request", "agreements-" + stem(path) + ".json", case["input"]["request"])
        options[json.dumps(case["input"]["options"], sort_keys=True)] = "agreements-" + stem(path)
for text, name in sorted(options.items(), key=lambda kv: kv[1]):
    write("match_options", name + ".json", text)

for path in sorted(glob.glob(os.path.join(VEC, "referral", "*.json"))):
    case = load(path)
    events = case["events"]
    if isinstance(events, dict) and "schema" not in events:
        events = dict(events, schema="wijknet.referral-events/v1")
    write("referral_events", stem(path) + ".json", events)

# The structured targets decode choices from raw bytes: a few fixed strings of several lengths.
for target in ["match", "decide", "consent_differential"]:
    for n in [0, 16, 64, 256, 1024]:
        data = b"".join(hashlib.sha256(f"{target}-{n}-{i}".encode()).digest() for i in range((n + 31) // 32))[:n]
        write(target, f"bytes-{n:04}", data)
