#!/usr/bin/env python3
"""Writes the texts of the shared dev sets as sitrep JSON Lines, one file a set,
into the folder given, for scripts/compare-output.sh. Reads ../shared only."""
import json
import os
import sys

shared, out = sys.argv[1], sys.argv[2]
ev = os.path.join(shared, "data", "events")


def write(name, rows):
    with open(os.path.join(out, name + ".jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


write("wikievents-dev", ({"id": d["doc_id"], "text": d["text"]}
                         for d in lines(os.path.join(ev, "wikievents", "dev.jsonl"))))
write("muc4-dev", ({"id": d["docid"], "text": d["doctext"]}
                   for d in lines(os.path.join(ev, "muc4", "dev.json"))))
meta = {str(m["doc_id"]): m.get("date") for m in
        lines(os.path.join(ev, "india_police_events", "metadata.jsonl"))}
write("india-police-dev", ({"id": str(d["doc_id"]), "text": d["doc_text"],
                            "published": meta.get(str(d["doc_id"]))}
                           for d in lines(os.path.join(ev, "india_police_events", "docs.jsonl"))
                           if int(d["doc_id"]) % 5 == 0))
with open(os.path.join(ev, "plover", "PLOVER_GSR_CAMEO.txt"), encoding="utf-8") as f:
    gsr = json.load(f)
write("plover-gsr", ({"id": r["id"], "text": r["text"], "published": r.get("date")}
                     for r in gsr if r.get("text")))
