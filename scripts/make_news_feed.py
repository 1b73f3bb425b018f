#!/usr/bin/env python3
"""Writes sitrep JSON Lines from the IndiaPoliceEvents articles in ../shared
(Times of India, dated by their metadata), for load tests: `--copies K`
repeats the corpus K times with distinct ids and dates moved by whole years,
so that a store of real news text reaches any size (K=32 gives about
100,000 events)."""
import argparse, datetime, json, os, sys

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../shared"))
ap.add_argument("--copies", type=int, default=1)
ap.add_argument("--limit", type=int, default=0, help="articles per copy (0: all)")
a = ap.parse_args()
d = os.path.join(a.shared, "data/events/india_police_events")
meta = {}
for line in open(os.path.join(d, "metadata.jsonl")):
    m = json.loads(line)
    meta[m["doc_id"]] = m
docs = [json.loads(l) for l in open(os.path.join(d, "docs.jsonl"))]
if a.limit:
    docs = docs[: a.limit]
for k in range(a.copies):
    for doc in docs:
        m = meta[doc["doc_id"]]
        date = datetime.date.fromisoformat(m["date"])
        try:
            date = date.replace(year=date.year + k)
        except ValueError:  # 29 February
            date = date.replace(year=date.year + k, day=28)
        rec = {"id": f"ipe-{doc['doc_id']}" + (f"-copy{k}" if k else ""),
               "text": doc["doc_text"], "published": date.isoformat(),
               "source": "Times of India", "url": m["url"]}
        sys.stdout.write(json.dumps(rec) + "\n")
