"""report.json: what the model card's measured sections are rendered from (training/model_card.py). Test-split
metrics at the balanced thresholds, per label, per language (all rows and public datasets only), the EDOS
Task A macro-F1, our generated held-out families by kind, and the keyword-list baselines next to the model.
The test split is read here only: no choice of the recipe is made on it."""
import json
import os

import numpy as np

from .data import GEN, LABELS, is_ours
from .metrics import prf, r4, roc_auc


def evaluate(data, idx, scores, th):
    rows = [data.rows[i] for i in idx]
    bal = th["balanced"]
    per_label, per_lang = {}, {}
    for j, l in enumerate(LABELS):
        sel = data.m[idx, j] > 0
        y, s = data.y[idx, j][sel], scores[sel, j]
        p, r, f = prf(y, s >= bal[l])
        per_label[l] = {"n": int(sel.sum()), "pos": int(y.sum()), "auc": r4(roc_auc(y, s)), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        for lang in ("en", "fr"):
            ls = sel & np.array([rr["lang"] == lang for rr in rows])
            # Same, public datasets only (our generated and contrast rows excluded): the honest real-data number.
            lp = ls & np.array([not is_ours(rr) for rr in rows])
            yp, sp = data.y[idx, j][lp], scores[lp, j]
            per_lang.setdefault(lang + "_public", {})[l] = {"n": int(lp.sum()), "pos": int(yp.sum()), "auc": r4(roc_auc(yp, sp)), "f1": r4(prf(yp, sp >= bal[l])[2])}
            y2, s2 = data.y[idx, j][ls], scores[ls, j]
            p2, r2, f2 = prf(y2, s2 >= bal[l])
            per_lang.setdefault(lang, {})[l] = {"n": int(ls.sum()), "pos": int(y2.sum()), "auc": r4(roc_auc(y2, s2)), "f1": round(f2, 4)}
    # EDOS test portion, Task A macro-F1 (sexist / not sexist) at the balanced misogyny threshold.
    ed = np.array([rr["source"] == "edos" for rr in rows])
    ye, se = data.y[idx, 0][ed], scores[ed, 0]
    pe = se >= bal["misogyny"]
    f_pos = prf(ye, pe)[2]
    f_neg = prf(1 - ye, ~pe)[2]
    edos = {"n": int(ed.sum()), "macro_f1": round((f_pos + f_neg) / 2, 4), "auc": r4(roc_auc(ye, se))}
    flag_any = np.zeros(len(idx), bool)
    for j, l in enumerate(LABELS):
        flag_any |= scores[:, j] >= bal[l]
    gen = generated_by_kind(rows, scores, flag_any, bal)
    nh = [k for k, rr in enumerate(rows) if rr["source"] == GEN and not rr["kind"].startswith("hostile")]
    nh_w = [k for k in nh if rows[k].get("target") in ("women", None)]
    ho = [k for k, rr in enumerate(rows) if rr["source"] == GEN and rr["kind"].startswith("hostile")]
    ho_w = [k for k in ho if rows[k].get("target") == "women"]
    summary = {
        "test_rows": len(idx),
        "misogyny_auc_en": per_lang["en"]["misogyny"]["auc"],
        "misogyny_auc_fr": per_lang["fr"]["misogyny"]["auc"],
        "misogyny_auc_en_public_only": per_lang["en_public"]["misogyny"]["auc"],
        "misogyny_auc_fr_public_only": per_lang["fr_public"]["misogyny"]["auc"],
        "edos_test_macro_f1": edos["macro_f1"],
        "f1_balanced": {l: per_label[l]["f1"] for l in LABELS},
        "auc": {l: per_label[l]["auc"] for l in LABELS},
        "gen_nonhostile_women_fpr_any": round(float(flag_any[nh_w].mean()), 4) if nh_w else None,
        "gen_nonhostile_women_fpr_misogyny": round(float((scores[nh_w, 0] >= bal["misogyny"]).mean()), 4) if nh_w else None,
        "gen_hostile_recall_any": round(float(flag_any[ho].mean()), 4) if ho else None,
        "gen_hostile_women_recall_misogyny": round(float((scores[ho_w, 0] >= bal["misogyny"]).mean()), 4) if ho_w else None,
    }
    return {"summary": summary, "per_label": per_label, "per_lang": per_lang, "edos_test": edos, "generated_by_kind": gen}


def generated_by_kind(rows, scores, flag_any, bal):
    """Generated held-out families: false positives on non-hostile rows, recall on hostile rows, per kind."""
    gen = {}
    for k, rr in enumerate(rows):
        if rr["source"] != GEN:
            continue
        g = gen.setdefault(rr["kind"], {"n": 0, "flag_any": 0, "flag_misogyny": 0, "women_n": 0, "women_flag_any": 0})
        g["n"] += 1
        g["flag_any"] += int(flag_any[k])
        g["flag_misogyny"] += int(scores[k, 0] >= bal["misogyny"])
        if rr.get("target") == "women" or rr.get("target") is None and not rr["kind"].startswith("hostile"):
            g["women_n"] += 1
            g["women_flag_any"] += int(flag_any[k])
    return gen


def keyword_baselines(data, idx, scores, th, work):
    """Per-label F1 of each keyword list (training/keyword-baseline.ts) vs the model on the same test rows."""
    path = os.path.join(work, "keyword-baseline.json")
    if not os.path.exists(path):
        return None
    kb = json.load(open(path, encoding="utf8"))
    pos = {rid: k for k, rid in enumerate(kb["ids"])}
    order = [pos.get(data.rows[i]["id"]) for i in idx]
    if any(o is None for o in order):
        return {"error": "keyword-baseline.json does not match the test rows; rerun training/keyword-baseline.ts"}
    out = {}
    for j, l in enumerate(LABELS):
        sel = data.m[idx, j] > 0
        y = data.y[idx, j][sel]
        res = {name: r4(prf(y, np.array(fl)[order][sel] > 0)[2]) for name, fl in kb["flags"].items()}
        best = max(res, key=lambda k: res[k])
        model_f1 = prf(y, scores[sel, j] >= th["balanced"][l])[2]
        out[l] = {"lists": res, "best_list": best, "best_f1": res[best], "model_f1": r4(model_f1), "margin": r4(model_f1 - res[best])}
    return out
