"""Loss, weighting and calibration options tried next to the shipped recipe and not kept (results: the model
card's training history). Used by train_lab.py and compare_runs.py.

- `--pos-weight sexual=3`: per-label weight of the positive term of the BCE, for a rare label;
- `--kind-weights counter_speech=2,...` / `--source-weights edos=1.5,...`: extra row weights per generated
  kind or per source;
- `--distill-all-labels`: soft targets on every label, also where the source has no annotation;
- calibration: `max_prevalence` (negatives reweighted so that each label's positives are at most this share of
  the mix: a feed that is mostly harmless) and `hostile_labels` (for these labels the generated HOSTILE dev rows
  join the calibration mix too, weighted so that their positives weigh as much as the label's public
  positives)."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from trainer import calibrate as C  # noqa: E402
from trainer.data import LABELS, is_harmless_ours, is_ours  # noqa: E402
from trainer.data import CONTRAST  # noqa: E402
from trainer.losses import CONS_HOSTILE_LABELS, Objective  # noqa: E402


def parse_weights(spec, known=None, flag=""):
    """"a=1.5,b=2" -> {"a": 1.5, "b": 2.0}."""
    out = {}
    for kv in filter(None, spec.split(",")):
        k, v = kv.split("=")
        assert known is None or k in known, f"{flag}: unknown label {k}"
        out[k] = float(v)
    return out


def row_weights(data, source_weight, french_weight, kind_weight):
    """Row weights with an extra factor per generated kind (as trainer.data.Data computes them otherwise)."""
    return np.array(
        [source_weight.get(r["source"], 1.0) * (french_weight if r["lang"] == "fr" else 1.0) * kind_weight.get(r.get("kind"), 1.0) for r in data.rows],
        np.float32,
    )


def contrast_pools(data, train_idx):
    """Our contrast TRAIN rows split into hostile (toxic 1, attacks on other groups left out) and harmless ones,
    whatever their pair: every hostile sentence should rank above every harmless one, not only its twin."""
    hostile, harmless = [], []
    for i in train_idx:
        r = data.rows[i]
        if r["source"] != CONTRAST or data.m[i, 5] == 0:
            continue
        if data.y[i, 5] == 1:
            if r.get("family") != "identity_attack_other_group":
                hostile.append(i)
        else:
            harmless.append(i)
    return np.array(hostile, np.int64), np.array(harmless, np.int64)


# Gender-swapped twins of our train contrast rows (twins.ts, build-dataset-lab.ts --twins): unlabelled, outside
# every split, used only by the twin consistency term.
TWIN = "bouclier-twin"


def twin_pairs(data, train_idx, harmless_only=False):
    """(original, twin, hostile) of the twins whose original is a TRAIN row, as an [n, 3] array."""
    train = set(int(i) for i in train_idx)
    row_of = {r["id"]: i for i, r in enumerate(data.rows)}
    out = []
    for i, r in enumerate(data.rows):
        if r["source"] != TWIN:
            continue
        o = row_of.get(r.get("twinOf"))
        hostile = bool(r.get("twinHostile"))
        if o is not None and o in train and not (harmless_only and hostile):
            out.append((o, i, int(hostile)))
    return np.array(out, np.int64).reshape(-1, 3)


class LabObjective(Objective):
    def __init__(self, *args, pos_weight=None, distill_all=False, rank_cross=0.0, rank_cross_pairs=32, twins=0.0, twin_pairs_n=32,
                 twins_harmless_only=False, **kw):
        super().__init__(*args, **kw)
        self.twin_w, self.twin_n = twins, twin_pairs_n
        self.twins = twin_pairs(args[0], args[1], twins_harmless_only) if twins > 0 else None
        if self.twins is not None:
            print(f"twin consistency: {len(self.twins)} gender-swapped twins ({int(self.twins[:, 2].sum())} of hostile sentences), weight {twins}", flush=True)
        self.pos_weight = pos_weight or {}
        self.distill_all = distill_all
        self.rank_cross, self.rank_cross_n = rank_cross, rank_cross_pairs
        self.cross = contrast_pools(args[0], args[1]) if rank_cross > 0 else None
        if self.cross is not None:
            print(f"cross ranking: {len(self.cross[0])} hostile x {len(self.cross[1])} harmless contrast rows, weight {rank_cross}", flush=True)

    def __call__(self, model, data, b, ids, mask, rng, drop):
        loss = super().__call__(model, data, b, ids, mask, rng, drop)
        if self.cross is not None:
            h, n = self.cross
            k = self.rank_cross_n
            rows = list(h[rng.randint(0, len(h), k)]) + list(n[rng.randint(0, len(n), k)])
            ids, mask = data.pack(data.first_chunks(rows))
            z = torch.logsumexp(model.logits(drop(ids), mask), dim=1)
            loss = loss + self.rank_cross * F.softplus(2.0 - (z[:k] - z[k:])).mean()
        if self.twins is not None and len(self.twins):
            # A sentence and its twin should score alike (labels weighted as the generated identity pairs are).
            n = self.twin_n
            sel = self.twins[rng.randint(0, len(self.twins), n)]
            ids, mask = data.pack(data.first_chunks(list(sel[:, 0]) + list(sel[:, 1])))
            pp = torch.sigmoid(model.logits(drop(ids), mask))
            host = torch.from_numpy(sel[:, 2].astype(np.float32)).unsqueeze(1)
            lw = (1.0 - host) + host * CONS_HOSTILE_LABELS.unsqueeze(0)
            loss = loss + self.twin_w * ((pp[:n] - pp[n:]) ** 2 * lw).sum() / lw.sum().clamp(min=1.0)
        return loss

    def hard_loss(self, logits, data, b):
        if self.bias is not None:
            logits = logits + torch.from_numpy(self.bias[b])
        y = torch.from_numpy(data.y[b])
        m = torch.from_numpy(data.m[b]) * torch.from_numpy(data.w[b]).unsqueeze(1)
        posw = torch.tensor([self.pos_weight.get(l, 1.0) for l in LABELS]) if self.pos_weight else None
        return (F.binary_cross_entropy_with_logits(logits, y, reduction="none", pos_weight=posw) * m).sum() / m.sum().clamp(min=1.0)

    def soft_loss(self, logits, data, b):
        if not self.distill_all:
            return super().soft_loss(logits, data, b)
        t = torch.from_numpy(self.soft[b])
        w = torch.ones_like(t) * torch.from_numpy(data.w[b]).unsqueeze(1)
        return (F.binary_cross_entropy_with_logits(logits, t, reduction="none") * w).sum() / w.sum().clamp(min=1.0)


def calibrate_variant(
    data, dv, sdev, harmless_mix=C.HARMLESS_MIX, strict_max_fpr=C.STRICT_MAX_FPR, harmless_cap=C.HARMLESS_CAP,
    cap_labels=C.HARMLESS_CAP_LABELS, max_prevalence=None, hostile_labels=(),
):
    """trainer.calibrate.calibrate with the max_prevalence and hostile_labels options (both off: the same)."""
    gen = np.array([is_ours(data.rows[i]) for i in dv])
    harmless = np.array([is_harmless_ours(data.rows[i]) for i in dv])
    th = {lv: {} for lv in C.LEVELS}
    for j, l in enumerate(LABELS):
        ann = data.m[dv, j] > 0
        use_hostile = l in hostile_labels
        sel = ann & (~gen | harmless | use_hostile)
        y, s = data.y[dv, j][sel], sdev[sel, j]
        n_pub_neg = float(((data.y[dv, j] == 0) & ann & ~gen).sum())
        n_harmless = float((harmless & ann).sum())
        w = np.where(gen[sel], harmless_mix * n_pub_neg / max(n_harmless, 1.0), 1.0)
        if use_hostile:
            hostile = (gen & ~harmless)[sel]
            n_pub_pos = float(((data.y[dv, j] == 1) & ann & ~gen).sum())
            n_host_pos = float((y[hostile] == 1).sum())
            w = np.where(hostile, n_pub_pos / max(n_host_pos, 1.0), w)
        if max_prevalence is not None:
            wp, wn = float(w[y == 1].sum()), float(w[y == 0].sum())
            if wn > 0 and wp / (wp + wn) > max_prevalence:
                w = np.where(y == 0, w * (wp * (1 - max_prevalence) / max_prevalence) / wn, w)
        capped = s[gen[sel]] if l in cap_labels else None
        for lv, t in zip(C.LEVELS, C.level_thresholds(y, s, w, capped, strict_max_fpr, harmless_cap)):
            th[lv][l] = t
    return th
