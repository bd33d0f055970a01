"""Measures shared by model selection (the dev objective that picks the epoch and keeps or drops the int8
fine-tune), calibration and the test report. Written with numpy only, so they run on saved scores too."""
import math

import numpy as np

from .data import CONTRAST, GEN, LABELS


def roc_auc(y, s):
    y = np.asarray(y)
    s = np.asarray(s, np.float64)
    npos, nneg = int(y.sum()), int(len(y) - y.sum())
    if npos == 0 or nneg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), np.float64)
    ss = s[order]
    i = 0
    r = np.arange(1, len(s) + 1, dtype=np.float64)
    # average ranks for ties
    while i < len(s):
        j = i
        while j + 1 < len(s) and ss[j + 1] == ss[i]:
            j += 1
        ranks[order[i : j + 1]] = (r[i] + r[j]) / 2.0
        i = j + 1
    return float((ranks[y == 1].sum() - npos * (npos + 1) / 2.0) / (npos * nneg))


def r4(x):
    """Rounded float, or None for NaN (JSON has no NaN)."""
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def prf(y, pred):
    y = np.asarray(y).astype(bool)
    pred = np.asarray(pred).astype(bool)
    tp = int((y & pred).sum())
    fp = int((~y & pred).sum())
    fn = int((y & ~pred).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def dev_objective(data, idx, scores):
    """Mean ROC-AUC over labels on dev, misogyny counted twice (it is the product's focus), plus twice the
    hostile-vs-non-hostile ROC-AUC of the toxic score on the generated dev families (the behaviours the
    public data lacks: negation, counter-speech, identity swaps, homonyms), plus twice the ranking of hostile vs
    harmless contrast dev sentences by their highest score (what the product hides on)."""
    aucs = []
    con = np.array([data.rows[i]["source"] == CONTRAST for i in idx])
    if con.sum() > 0:
        a = roc_auc(data.y[idx, 5][con], scores[con].max(axis=1))
        if not math.isnan(a):
            aucs += [a, a]
    gen = np.array([data.rows[i]["source"] == GEN for i in idx])
    if gen.sum() > 0:
        a = roc_auc(data.y[idx, 5][gen], scores[gen, 5])
        if not math.isnan(a):
            aucs += [a, a]
    for j, l in enumerate(LABELS):
        sel = data.m[idx, j] > 0
        a = roc_auc(data.y[idx, j][sel], scores[sel, j])
        if not math.isnan(a):
            aucs.append(a)
            if l == "misogyny":
                aucs.append(a)
    return float(np.mean(aucs)) if aucs else 0.0
