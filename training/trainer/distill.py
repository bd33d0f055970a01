"""Ensemble distillation, as `npm run train` does it: teachers (the shipped recipe with other seeds, never
shipped) save their probabilities on the TRAIN rows, and the student, the shipped model, fits their mean next
to the hard labels. Averaging seeds smooths the seed-to-seed noise of a single run, and the teachers give a
signal on labels a source does not annotate. Dev stays for early stopping and calibration, test for reporting."""
import numpy as np
import torch
import torch.nn.functional as F

from .data import NL
from .model import score_rows


def save_train_scores(model, data, tr, path):
    """Teacher side: the trained (int8, exported) model's probabilities on the train rows' first chunks (what
    the student is trained on), with the row ids so that a student cannot silently use another build's rows."""
    s = score_rows(model, data, tr, first_chunk_only=True)
    np.savez(path, ids=np.array([data.rows[i]["id"] for i in tr]), scores=s)


def load_soft_targets(data, tr, files):
    """Student side: the mean of the teachers' train-row probabilities, as a [rows, NL] array (0 outside train,
    never read)."""
    ids = np.array([data.rows[i]["id"] for i in tr])
    soft = np.zeros((len(data.rows), NL), np.float32)
    for f in files:
        z = np.load(f)
        if len(z["ids"]) != len(ids) or not (z["ids"] == ids).all():
            raise SystemExit(f"{f}: teacher scores are not for this build's train rows")
        soft[tr] += z["scores"].astype(np.float32) / len(files)
    return soft


def distill_loss(logits, data, b, soft):
    """Row-weighted BCE of the student's logits against the teachers' mean probabilities, on the annotated
    labels of batch b."""
    t = torch.from_numpy(soft[b])
    w = torch.from_numpy(data.m[b]) * torch.from_numpy(data.w[b]).unsqueeze(1)
    return (F.binary_cross_entropy_with_logits(logits, t, reduction="none") * w).sum() / w.sum().clamp(min=1.0)
