#!/usr/bin/python3
"""Compares training runs on the DEV split from their score dumps (train_lab.py --dump run.npz), averaged over the
dumps given (one per seed), optionally under other threshold calibrations. Test scores in the dumps are not
read unless --test is passed (for reporting a choice already made on dev, never for making it).

  /usr/bin/python3 training/lab/compare_runs.py base-s7.npz base-s1234.npz , wide-s7.npz wide-s1234.npz
  /usr/bin/python3 training/lab/compare_runs.py run.npz --calibrations default,prev10,cap10

Groups are separated by a lone `,`; each group prints one line (means over its dumps; with --ensemble, the
metrics of the mean of its dumps' probabilities instead, e.g. distillation teachers). Columns: dev objective,
misogyny ROC-AUC on public rows EN/FR, EDOS ROC-AUC and macro-F1, per-label F1 at balanced thresholds,
share of generated harmless rows mentioning women flagged on any label (and counter-speech, negated hate),
generated hostile recall.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from options import calibrate_variant  # noqa: E402
from trainer.data import LABELS, NL, REPO  # noqa: E402
from trainer.metrics import dev_objective, prf, roc_auc  # noqa: E402

CALIBRATIONS = {
    "default": {},
    # negatives reweighted so that each label's positives are at most 10 % of the calibration mix
    "prev10": {"max_prevalence": 0.10},
    # generated harmless dev rows weigh 3x each label's public negatives instead of 1x
    "mix3": {"harmless_mix": 3.0},
    # every label's balanced threshold flags at most 10 % / 5 % of the generated harmless dev rows
    "cap10": {"harmless_cap": 0.10, "cap_labels": tuple(LABELS)},
    "cap05": {"harmless_cap": 0.05, "cap_labels": tuple(LABELS)},
    # sexual: the generated hostile dev rows join the calibration mix (their positives weigh as much as the
    # public positives)
    "hostile-sexual": {"hostile_labels": ("sexual",)},
}


class Rows:
    """The labels of rows.jsonl (what calibration and dev_objective need), without the features."""

    def __init__(self, work):
        self.rows = [json.loads(l) for l in open(os.path.join(work, "rows.jsonl"), encoding="utf8") if l.strip()]
        self.y = np.zeros((len(self.rows), NL), np.float32)
        self.m = np.zeros((len(self.rows), NL), np.float32)
        for i, r in enumerate(self.rows):
            for j, l in enumerate(LABELS):
                v = r["labels"].get(l)
                if v is not None:
                    self.y[i, j], self.m[i, j] = v, 1.0


def metrics(D, idx, s, bal):
    rows = [D.rows[i] for i in idx]
    out = {"obj": dev_objective(D, idx, s)}
    pub = np.array([r["source"] != "bouclier-gen" for r in rows])
    lang = np.array([r["lang"] for r in rows])
    for lg in ("en", "fr"):
        sel = (D.m[idx, 0] > 0) & pub & (lang == lg)
        out["mis_auc_" + lg] = roc_auc(D.y[idx, 0][sel], s[sel, 0])
    ed = np.array([r["source"] == "edos" for r in rows])
    ye, pe = D.y[idx, 0][ed], s[ed, 0] >= bal["misogyny"]
    out["edos_auc"] = roc_auc(ye, s[ed, 0])
    out["edos_f1"] = (prf(ye, pe)[2] + prf(1 - ye, ~pe)[2]) / 2
    flag = np.zeros(len(idx), bool)
    for j, l in enumerate(LABELS):
        sel = D.m[idx, j] > 0
        out["f1_" + l[:6]] = prf(D.y[idx, j][sel], s[sel, j] >= bal[l])[2]
        flag |= s[:, j] >= bal[l]
    kind = np.array([r.get("kind", "") if r["source"] == "bouclier-gen" else "" for r in rows])
    hostile = np.char.startswith(kind.astype(str), "hostile")
    harmless_w = (kind != "") & ~hostile & np.array([r.get("target") in ("women", None) for r in rows])
    out["fpr_women"] = flag[harmless_w].mean()
    out["fpr_counter"] = flag[kind == "counter_speech"].mean()
    out["fpr_negated"] = flag[kind == "negated_hate"].mean()
    out["gen_recall"] = flag[hostile].mean()
    return out


def mean_dump(files):
    """One dump whose scores are the mean probabilities of several runs' dumps (same rows)."""
    zs = [np.load(f) for f in files]
    for z in zs[1:]:
        if not ((z["dv"] == zs[0]["dv"]).all() and (z["te"] == zs[0]["te"]).all()):
            sys.exit("--ensemble: the dumps are not on the same rows")
    return {"dv": zs[0]["dv"], "te": zs[0]["te"], "sdev": np.mean([z["sdev"] for z in zs], 0), "ste": np.mean([z["ste"] for z in zs], 0)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dumps", nargs="+")
    ap.add_argument("--work", default=os.path.join(REPO, "training", "work"))
    ap.add_argument("--calibrations", default="default", help=",".join(CALIBRATIONS))
    ap.add_argument("--test", action="store_true", help="also print test-split lines (reporting only)")
    ap.add_argument("--ensemble", action="store_true", help="score each group as one model: the mean of its dumps' probabilities")
    a = ap.parse_args()
    groups, cur = [], []
    for d in a.dumps:
        if d == ",":
            groups.append(cur)
            cur = []
        else:
            cur.append(d)
    groups.append(cur)
    D = Rows(a.work)
    lines = []
    for g in filter(None, groups):
        for cal in a.calibrations.split(","):
            res = {}
            for z in [mean_dump(g)] if a.ensemble else map(np.load, g):
                th = calibrate_variant(D, z["dv"], z["sdev"], **CALIBRATIONS[cal])["balanced"]
                res.setdefault("dev", []).append(metrics(D, z["dv"], z["sdev"], th))
                if a.test:
                    res.setdefault("test", []).append(metrics(D, z["te"], z["ste"], th))
            name = "+".join(os.path.basename(f).removesuffix(".npz") for f in g)
            for part, lst in res.items():
                lines.append((f"{name} [{cal}] {part}", {k: float(np.nanmean([d[k] for d in lst])) for k in lst[0]}))
    keys = list(lines[0][1])
    w = max(len(n) for n, _ in lines)
    print("run".ljust(w) + "".join(k.rjust(12) for k in keys))
    for n, m in lines:
        print(n.ljust(w) + "".join(f"{m[k]:12.3f}" for k in keys))


if __name__ == "__main__":
    main()
