"""The three sensitivity levels of model.json, calibrated on dev: relaxed = F0.5-optimal (precision),
balanced = F1-optimal (the default), strict = F2-optimal (recall), each with the guards below. The extension
flags a label when its score is at or above the level's threshold."""
import numpy as np

from .data import LABELS, is_harmless_ours, is_ours

# Public dev rows are abuse-heavy (toxic: ~2/3 positive) and contain almost no everyday harmless mentions of
# women, so F1-optimal thresholds on them alone flag far too much ordinary text. The calibration mix adds the
# generated NON-hostile dev rows (neutral/positive mentions, counter-speech, testimony, negation, homonyms,
# untargeted swearing; held-out template families) as negatives, weighted so that for each label they count
# HARMLESS_MIX times as much as that label's public negatives. Generated hostile rows are left out (their
# families are easy and numerous for sexual/threat, which would set thresholds real rows never reach).
HARMLESS_MIX = 1.0
# The strict level is F2-optimal (recall-oriented) but never flags more than this share of the calibration
# negatives (weighted): F2 alone put several thresholds near 0 and flagged nearly everything.
STRICT_MAX_FPR = 0.2
# Floors for the rare labels: sexual and threat have few public positives, so their F1-optimal thresholds are
# low and harmless sentences about women get flagged through them. Their balanced (and relaxed) thresholds
# never flag more than this share of the generated harmless dev rows.
HARMLESS_CAP = 0.05
HARMLESS_CAP_LABELS = ("threat", "sexual")
LEVELS = ("relaxed", "balanced", "strict")


def best_threshold(y, s, beta, w=None):
    """Threshold maximising (weighted) F-beta on (y, s); candidates are the score quantiles."""
    y = np.asarray(y).astype(bool)
    s = np.asarray(s)
    w = np.ones(len(y)) if w is None else np.asarray(w, np.float64)
    if y.sum() == 0:
        return 0.5
    cands = np.unique(np.quantile(s, np.linspace(0.0, 1.0, 401)))
    best, best_t = -1.0, 0.5
    b2 = beta * beta
    for t in cands:
        pred = s >= t
        tp = w[y & pred].sum()
        fp = w[~y & pred].sum()
        fn = w[y & ~pred].sum()
        denom = (1 + b2) * tp + b2 * fn + fp
        f = (1 + b2) * tp / denom if denom else 0.0
        if f > best:
            best, best_t = f, float(t)
    return best_t


def weighted_quantile_threshold(s, w, max_rate):
    """Smallest threshold t such that the weighted share of scores >= t is at most max_rate."""
    order = np.argsort(-s, kind="mergesort")
    ss, ww = s[order], w[order]
    cum = np.cumsum(ww) / max(ww.sum(), 1e-12)
    k = np.searchsorted(cum, max_rate, side="right")  # first k scores may be flagged
    if k >= len(ss):
        return 0.0
    return float(np.nextafter(np.float32(ss[k]), np.float32(1.0)))


def level_thresholds(y, s, w, capped_scores, strict_max_fpr, harmless_cap):
    """(relaxed, balanced, strict) for one label from its calibration mix (labels y, scores s, weights w).
    capped_scores: scores of our rows in the mix, whose flagged share the balanced level may not exceed
    harmless_cap (None: the label is not capped)."""
    b = best_threshold(y, s, 1.0, w)
    if capped_scores is not None and harmless_cap < 1.0 and len(capped_scores):
        b = max(b, weighted_quantile_threshold(capped_scores, np.ones(len(capped_scores)), harmless_cap))
    r = max(best_threshold(y, s, 0.5, w), b)
    st = min(best_threshold(y, s, 2.0, w), b)
    neg = y == 0
    if neg.any():
        st = max(st, min(b, weighted_quantile_threshold(s[neg], w[neg], strict_max_fpr)))
    return round(r, 6), round(b, 6), round(st, 6)


def calibrate(data, dv, sdev, harmless_mix=HARMLESS_MIX, strict_max_fpr=STRICT_MAX_FPR, harmless_cap=HARMLESS_CAP, cap_labels=HARMLESS_CAP_LABELS):
    """{level: {label: threshold}} from the dev rows dv and their scores sdev."""
    gen = np.array([is_ours(data.rows[i]) for i in dv])
    harmless = np.array([is_harmless_ours(data.rows[i]) for i in dv])
    th = {lv: {} for lv in LEVELS}
    for j, l in enumerate(LABELS):
        ann = data.m[dv, j] > 0
        sel = ann & (~gen | harmless)
        y, s = data.y[dv, j][sel], sdev[sel, j]
        n_pub_neg = float(((data.y[dv, j] == 0) & ann & ~gen).sum())
        n_harmless = float((harmless & ann).sum())
        w = np.where(gen[sel], harmless_mix * n_pub_neg / max(n_harmless, 1.0), 1.0)
        capped = s[gen[sel]] if l in cap_labels else None
        for lv, t in zip(LEVELS, level_thresholds(y, s, w, capped, strict_max_fpr, harmless_cap)):
            th[lv][l] = t
    return th
