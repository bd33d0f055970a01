"""The training loss of one batch (Objective): the masked multi-label BCE on the annotated labels, weighted
per row, plus
- an identity-swap consistency term: generated rows of one template family about women vs about another group
  or a man should get the same probabilities (identity_pairs);
- a pairwise ranking term on our contrast minimal pairs: the hostile sentence must score above its harmless
  twin (rank_loss);
- with distillation, the BCE against the teachers' mean probabilities (distill.py);
- with a group-word bias (group_bias.py), that bias's logits added to the network's in the hard-label BCE.
Every random draw comes from the one RandomState of the run, in a fixed order, so a seed gives one model."""
import numpy as np
import torch
import torch.nn.functional as F

from .data import CONTRAST, GEN
from .distill import distill_loss

# Consistency loss: for harmless pairs every label's logit is pulled together (mentioning women instead of men
# or another group must not change any score); for hostile pairs only insult/threat/toxic (misogyny and
# identity_attack legitimately differ with the target; sexual families always target a woman).
CONS_HOSTILE_LABELS = torch.tensor([0.0, 1.0, 1.0, 0.0, 0.0, 1.0])


def slot_dropout(rng, rate):
    """Feature dropout: hide random hashed ids (word, bigram or n-gram slots) so the model cannot lean on one
    memorised word and must use the rest of the token and its context."""

    def drop(ids):
        if rate > 0:
            keep = torch.from_numpy(rng.random_sample(ids.shape) >= rate)
            ids = ids * keep.to(ids.dtype)
        return ids

    return drop


def identity_pairs(data, train_idx):
    """Counterfactual pair pools from the generated TRAIN rows: within one template family and kind, rows about
    women next to rows about another group or a man (the generator fills the same variants with the target
    swapped). Returns {(family, hostile): (women_rows, other_rows)} for families that have both."""
    pools = {}
    for i in train_idx:
        r = data.rows[i]
        if r["source"] != GEN or r.get("target") not in ("women", "other"):
            continue
        key = (r["family"], r["kind"].startswith("hostile"))
        pools.setdefault(key, ([], []))[0 if r["target"] == "women" else 1].append(i)
    return {k: (np.array(w), np.array(o)) for k, (w, o) in pools.items() if len(w) and len(o)}


def sample_pairs(pools, keys, n, rng):
    """n (women, other, hostile) triples: a random family, then one row of each side."""
    out = []
    for k in rng.randint(0, len(keys), n):
        w, o = pools[keys[k]]
        out.append((w[rng.randint(len(w))], o[rng.randint(len(o))], keys[k][1]))
    return out


def consistency_loss(model, data, pools, keys, n, rng, drop, weight):
    """weight x the mean squared gap between the probabilities of n sampled counterfactual pairs (labels
    weighted by CONS_HOSTILE_LABELS for hostile pairs), in probability space: bounded, so a few confident rows
    cannot dominate. (The weight multiplies before the division, as the shipped model was trained.)"""
    pr = sample_pairs(pools, keys, n, rng)
    pw, pm = data.pack(data.first_chunks([p[0] for p in pr] + [p[1] for p in pr]))
    pl = model.logits(drop(pw), pm)
    k = len(pr)
    host = torch.tensor([float(p[2]) for p in pr]).unsqueeze(1)
    lw = (1.0 - host) + host * CONS_HOSTILE_LABELS.unsqueeze(0)
    pp = torch.sigmoid(pl)
    return weight * ((pp[:k] - pp[k:]) ** 2 * lw).sum() / lw.sum().clamp(min=1.0)


def contrast_pairs(data, train_idx):
    """Minimal pairs of the contrast TRAIN rows: (hostile row, harmless row) sharing a pair id."""
    by = {}
    for i in train_idx:
        r = data.rows[i]
        if r["source"] == CONTRAST and r.get("pair"):
            by.setdefault(r["pair"], ([], []))[0 if data.y[i, 5] == 1 else 1].append(i)
    return np.array([(h[0], n[0]) for h, n in by.values() if h and n], np.int64).reshape(-1, 2)


def rank_loss(model, data, pairs, n, rng, drop, margin=2.0):
    """Pairwise ranking on minimal pairs: the hostile sentence's highest logit (a smooth max over labels) must
    exceed the harmless one's by a margin. The BCE scores each sentence alone; this asks directly for what the
    product needs, that the few words which change the meaning change the ranking."""
    sel = pairs[rng.randint(0, len(pairs), n)]
    ids, mask = data.pack(data.first_chunks(list(sel[:, 0]) + list(sel[:, 1])))
    z = torch.logsumexp(model.logits(drop(ids), mask), dim=1)
    return F.softplus(margin - (z[:n] - z[n:])).mean()


class Objective:
    """The loss of one batch. consistency / rank: weights of those terms (0 = off), with the pairs they draw
    per step; soft: [rows, NL] teacher probabilities (distill.load_soft_targets) or None, then the loss is
    (1 - distill_w) x the hard-label BCE + distill_w x the BCE against the soft targets; bias: [rows, NL] logits
    added to the network's in the hard-label BCE (group_bias.py) or None."""

    def __init__(self, data, train_idx, consistency=0.0, consistency_pairs=32, rank=0.0, rank_pairs=32, soft=None, distill_w=0.0, bias=None):
        self.cons, self.cons_n = consistency, consistency_pairs
        self.pools = identity_pairs(data, train_idx) if consistency > 0 else None
        self.keys = sorted(self.pools) if self.pools else []
        self.rank, self.rank_n = rank, rank_pairs
        self.pairs = contrast_pairs(data, train_idx) if rank > 0 else None
        self.soft, self.distill_w = soft, distill_w
        self.bias = bias

    def hard_loss(self, logits, data, b):
        """Row-weighted BCE on the annotated labels of batch b."""
        if self.bias is not None:
            logits = logits + torch.from_numpy(self.bias[b])
        y = torch.from_numpy(data.y[b])
        m = torch.from_numpy(data.m[b]) * torch.from_numpy(data.w[b]).unsqueeze(1)
        return (F.binary_cross_entropy_with_logits(logits, y, reduction="none") * m).sum() / m.sum().clamp(min=1.0)

    def soft_loss(self, logits, data, b):
        return distill_loss(logits, data, b, self.soft)

    def __call__(self, model, data, b, ids, mask, rng, drop):
        logits = model.logits(ids, mask)
        loss = self.hard_loss(logits, data, b)
        if self.soft is not None:
            loss = (1.0 - self.distill_w) * loss + self.distill_w * self.soft_loss(logits, data, b)
        if self.cons > 0 and self.keys:
            loss = loss + consistency_loss(model, data, self.pools, self.keys, self.cons_n, rng, drop, self.cons)
        if self.pairs is not None and len(self.pairs):
            loss = loss + self.rank * rank_loss(model, data, self.pairs, self.rank_n, rng, drop)
        return loss
