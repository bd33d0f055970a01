"""Fitting the network: epochs over length-bucketed batches with sparse Adam for the hashed table and Adam for
the rest, the learning rate x0.7 after each epoch, early stopping on the dev objective (the best epoch's
weights are kept); then int8 quantisation of the table and one epoch of fine-tuning of the dense layers on top
of it, kept only if it does not lower the dev objective."""
import time

import torch

from .data import batches
from .losses import slot_dropout
from .metrics import dev_objective
from .model import score_rows


class MultiOpt:
    """Sparse Adam for the embedding table + Adam for the dense layers, stepped together."""

    def __init__(self, *opts):
        self.opts = opts

    @property
    def param_groups(self):
        return [g for o in self.opts for g in o.param_groups]

    def zero_grad(self):
        for o in self.opts:
            o.zero_grad()

    def step(self):
        for o in self.opts:
            o.step()


def run_epoch(model, opt, data, train_idx, batch, rng, dropout_rate, objective):
    """One epoch; returns the mean loss per row."""
    model.train()
    total, n = 0.0, 0
    drop = slot_dropout(rng, dropout_rate)
    for b in batches(data, train_idx, batch, rng):
        ids, mask = data.pack(data.first_chunks(b))
        ids = drop(ids)
        loss = objective(model, data, b, ids, mask, rng, drop)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += float(loss) * len(b)
        n += len(b)
        if n // len(b) % 200 == 0:
            print(f"  {n} rows, loss {total / n:.4f}", flush=True)
    return total / max(n, 1)


def dev_score(model, data, dv):
    return dev_objective(data, dv, score_rows(model, data, dv))


def train(model, data, tr, dv, objective, rng, epochs, patience, batch, lr, dropout_rate):
    """Trains until the dev objective stops improving for `patience` epochs, then restores the best epoch.
    Returns (best dev objective, history)."""
    opt = MultiOpt(torch.optim.SparseAdam(model.table_parameters(), lr=lr), torch.optim.Adam(model.dense_parameters(), lr=lr))
    best, best_state, bad = -1.0, None, 0
    history = []
    for ep in range(epochs):
        t1 = time.time()
        loss = run_epoch(model, opt, data, tr, batch, rng, dropout_rate, objective)
        obj = dev_score(model, data, dv)
        history.append({"epoch": ep + 1, "loss": round(loss, 4), "dev_objective": round(obj, 4)})
        print(f"epoch {ep + 1} loss {loss:.4f} dev {obj:.4f} ({time.time() - t1:.0f}s)", flush=True)
        if obj > best:
            best, bad = obj, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= patience:
                break
        for g in opt.param_groups:
            g["lr"] *= 0.7
    model.load_state_dict(best_state)
    return best, history


def quantise(model, data, tr, dv, objective, rng, batch, lr, dropout_rate, fine_tune=True):
    """Quantises the table, then (fine_tune) trains the rest one epoch on top of the frozen int8 table so the
    dense layers adapt to the rounding (same slot dropout as training, lr / 10); the fine-tuned dense layers are
    kept only if they do not lower the dev objective. Returns the dev objective of the int8 model."""
    model.quantise()
    q_obj = dev_score(model, data, dv)
    if fine_tune:
        before = {k: v.detach().clone() for k, v in model.state_dict().items() if not k.startswith(model.TABLES)}
        opt = torch.optim.Adam(model.dense_parameters(), lr=lr * 0.1)
        run_epoch(model, opt, data, tr, batch, rng, dropout_rate, objective)
        ft_obj = dev_score(model, data, dv)
        print(f"quantised: dev objective {q_obj:.4f}, after dense fine-tune {ft_obj:.4f}", flush=True)
        if ft_obj < q_obj:
            model.load_state_dict(before, strict=False)
        else:
            q_obj = ft_obj
    model.eval()
    print(f"quantised; dev objective {q_obj:.4f}", flush=True)
    return q_obj
