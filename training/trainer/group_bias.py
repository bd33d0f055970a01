"""The group-word bias (product of experts): what the mere mention of a group predicts, explained away.

The public sets label most texts that mention women (or another group) as abusive, so a network learns
"mentions women → misogyny" and hides harmless sentences about women. Per label, a logistic regression over the
group words a row's first chunk contains (training/build/group-words.ts → <work>/group-words.json; slot 0 of each
token, the runtime's hashed word id) is fitted on the public TRAIN rows where the label is annotated, cross-fitted
in two halves so no row's bias comes from a model that saw it, and centred (it carries what the words say, not
the label's base rate). Training adds these logits to the network's in the hard-label loss of public rows, so
the network's gradient comes from what the group words alone do not explain (Clark et al. 2019, "Don't take
the easy way out"). Our own rows (generated, contrast) get none: they are the composition to learn. At run
time the network is used alone."""
import json
import os

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from .data import LABELS, is_ours


def word_matrix(data, idx, keep=None):
    """Binary bag of the word ids (slot 0) of each row's first chunk, as CSR [len(idx), buckets]; keep: only
    these ids (None: every word)."""
    indptr, indices = [0], []
    for i in idx:
        words = np.unique(data.chunk(data.row_start[i])[:, 0])
        words = words[np.isin(words, keep)] if keep is not None else words[words > 0]
        indices.extend(words.tolist())
        indptr.append(len(indices))
    return sp.csr_matrix((np.ones(len(indices), np.float32), indices, indptr), shape=(len(idx), data.hdr["buckets"]))


def cross_fitted_bias(data, train_idx, keep=None, C=1.0, seed=7, log=None):
    """[rows, labels] centred bias logits of a per-label logistic regression over word_matrix(keep), cross-fitted
    in two halves of the public train rows; 0 on every other row."""
    public = np.array([i for i in train_idx if not is_ours(data.rows[i])], np.int64)
    X = word_matrix(data, public, keep)
    fold = np.random.RandomState(seed).randint(0, 2, len(public))
    bias = np.zeros((len(data.rows), len(LABELS)), np.float32)
    for j, label in enumerate(LABELS):
        ann = data.m[public, j] > 0
        for f in (0, 1):
            fit_on = ann & (fold != f)
            y = data.y[public[fit_on], j]
            on = ann & (fold == f)
            if len(y) == 0 or y.min() == y.max() or not on.any():
                continue
            lr = LogisticRegression(C=C, solver="liblinear", max_iter=200, random_state=seed)
            lr.fit(X[fit_on], y)
            bias[public[on], j] = lr.decision_function(X[on])
        sel = public[ann]
        if len(sel):
            # Centred: the bias carries what the words say about this row, not the label's base rate, which
            # the network must still learn for the rows that get no bias.
            bias[sel, j] -= bias[sel, j].mean()
            if log:
                log(f"{label}: {len(sel)} rows, bias logit sd {bias[sel, j].std():.2f}")
    return bias


def group_bias(data, train_idx, work, C=1.0, seed=7):
    """The shipped recipe's bias: cross_fitted_bias over the group words of <work>/group-words.json."""
    path = os.path.join(work, "group-words.json")
    if not os.path.exists(path):
        raise SystemExit(f"{path} is missing: rebuild the work folder with training/build-dataset.ts")
    ids = np.array(sorted(set(json.load(open(path, encoding="utf8")).values())))
    return cross_fitted_bias(data, train_idx, ids, C, seed)
