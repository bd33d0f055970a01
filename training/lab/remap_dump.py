#!/usr/bin/python3
"""Re-indexes a train_lab.py --dump (row indices into the rows.jsonl it was trained on) onto another build's
rows.jsonl, by row id, so that runs trained on different builds (e.g. build-dataset-lab.ts with/without
--r8-families or --label-fixes) can be scored by compare_runs.py on the same rows and the same labels.

  /usr/bin/python3 training/lab/remap_dump.py FROM_WORK run.npz TO_WORK out.npz [--only-ids-of WORK]

--only-ids-of keeps only rows whose id is also in WORK's rows.jsonl (e.g. the shipped build), so that every run
is calibrated and scored on the same dev rows, as in the --r8-families comparison of models/README.md."""
import argparse
import json
import os

import numpy as np


def ids(work):
    return [json.loads(l)["id"] for l in open(os.path.join(work, "rows.jsonl"), encoding="utf8") if l.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("from_work")
    ap.add_argument("dump")
    ap.add_argument("to_work")
    ap.add_argument("out")
    ap.add_argument("--only-ids-of", default=None)
    a = ap.parse_args()
    src, dst = ids(a.from_work), ids(a.to_work)
    pos = {x: i for i, x in enumerate(dst)}
    keep = set(ids(a.only_ids_of)) if a.only_ids_of else None
    z = np.load(a.dump)
    out = {}
    for ix, sc in (("dv", "sdev"), ("te", "ste")):
        sel = np.array([keep is None or src[i] in keep for i in z[ix]], bool)
        out[ix] = np.array([pos[src[i]] for i in z[ix][sel]], dtype=z[ix].dtype)
        out[sc] = z[sc][sel]
    np.savez(a.out, **out)


if __name__ == "__main__":
    main()
