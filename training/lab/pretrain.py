#!/usr/bin/env python3
"""Masked-token pretraining of the classifier's encoder (embedding table + dilated convolutions) on unlabelled
EN/FR text, so that words the labelled sets never show still get representations shaped by their contexts.

  /usr/bin/python3 training/lab/pretrain.py --corpus training/work/corpus [--also training/work] --out ENC.pt
      [--steps N] [--batch B] [--seed S] [--resume]

Input: BFT1 feature files written by the runtime's featurizer (training/lab/build-corpus.ts; `--also` adds the
train split of a dataset work dir). Objective: 15 % of the real tokens of each chunk are hidden (all their
hashed ids set to the padding id, and the bigram id of the next token too, since it hashes the hidden word),
and the encoder's output at each hidden position predicts the hidden word's id, folded to VOCAB classes.
The encoder is exactly the trainer's (training/trainer/model.py, Net.encode), so train_lab.py --init-encoder
ENC.pt starts from it.

Checkpoints every --every steps to ENC.pt.ckpt (model, optimisers, step, RNG state); --resume continues from
it, so a long run can be stopped and resumed without changing its result.
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from trainer.data import read_features  # noqa: E402  (same feature reader as the trainer)
from trainer.model import Net  # noqa: E402  (same encoder definition)

VOCAB = 1 << 15  # word ids folded to this many classes: a full softmax over 2^17 buckets costs 4× for little
MASK_RATE = 0.15


def chunk_spans(path, split_rows=None):
    """(start, end) token spans of every chunk of a feature file; with split_rows, only those rows' chunks."""
    hdr, row_start, chunk_start, ids = read_features(path)
    if split_rows is None:
        cs = np.arange(hdr["chunks"])
    else:
        cs = np.concatenate([np.arange(row_start[r], row_start[r + 1]) for r in split_rows]) if len(split_rows) else np.zeros(0, np.int64)
    spans = np.stack([chunk_start[cs], chunk_start[cs + 1]], axis=1)
    spans = spans[(spans[:, 1] - spans[:, 0]) >= 3]  # too short to hide a word and keep context
    return hdr, ids, spans


def make_batch(sources, rng, batch):
    """Samples `batch` chunks across sources (proportionally to their size) and hides 15 % of their tokens."""
    sizes = np.array([len(s[2]) for s in sources], np.float64)
    which = rng.choice(len(sources), size=batch, p=sizes / sizes.sum())
    chunks = []
    for k in which:
        _, ids, spans = sources[k]
        a, b = spans[rng.integers(len(spans))]
        chunks.append(ids[a:b])
    K = chunks[0].shape[1]
    Tm = max(len(c) for c in chunks)
    x = np.zeros((batch, Tm, K), np.int32)
    mask = np.zeros((batch, Tm), np.float32)
    hide = np.zeros((batch, Tm), bool)
    for i, c in enumerate(chunks):
        n = len(c)
        x[i, :n] = c
        mask[i, :n] = 1.0
        k = max(1, int(round(n * MASK_RATE)))
        hide[i, rng.choice(n, size=k, replace=False)] = True
    target = x[:, :, 0] % VOCAB
    x[hide] = 0
    nxt = np.zeros_like(hide)
    nxt[:, 1:] = hide[:, :-1]
    x[:, :, 1][nxt] = 0  # the next token's bigram id would give the hidden word away
    return torch.from_numpy(x), torch.from_numpy(mask), torch.from_numpy(hide), torch.from_numpy(target.astype(np.int64))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, help="dir with features.bin (training/build-corpus.ts)")
    ap.add_argument("--also", default=None, help="dataset work dir: also pretrain on its train split")
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=6000)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--channels", type=int, default=32)
    ap.add_argument("--dilations", default="1,2,4")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--every", type=int, default=500, help="checkpoint every N steps")
    ap.add_argument("--resume", action="store_true")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    rng = np.random.default_rng(args.seed)

    sources = [chunk_spans(os.path.join(args.corpus, "features.bin"))]
    if args.also:
        import json

        rows = [json.loads(l) for l in open(os.path.join(args.also, "rows.jsonl"), encoding="utf8") if l.strip()]
        train_rows = np.array([i for i, r in enumerate(rows) if r["split"] == "train"], np.int64)
        sources.append(chunk_spans(os.path.join(args.also, "features.bin"), train_rows))
    hdr = sources[0][0]
    print(f"pretrain: {sum(len(s[2]) for s in sources)} chunks from {len(sources)} file(s)", flush=True)

    dil = tuple(int(d) for d in args.dilations.split(","))
    net = Net(hdr["buckets"], args.dim, args.channels, 8, dil, heads=0)
    head = nn.Linear(args.channels, VOCAB)
    opt_sparse = torch.optim.SparseAdam([net.emb.weight], lr=args.lr)
    opt_dense = torch.optim.Adam(list(net.convs.parameters()) + list(head.parameters()), lr=args.lr)
    step = 0
    ckpt = args.out + ".ckpt"
    if args.resume and os.path.exists(ckpt):
        st = torch.load(ckpt, weights_only=False)
        net.load_state_dict(st["net"])
        head.load_state_dict(st["head"])
        opt_sparse.load_state_dict(st["opt_sparse"])
        opt_dense.load_state_dict(st["opt_dense"])
        step = st["step"]
        rng.bit_generator.state = st["rng"]
        torch.set_rng_state(st["torch_rng"])
        print(f"resumed at step {step}", flush=True)

    def save_ckpt():
        torch.save(
            {
                "net": net.state_dict(),
                "head": head.state_dict(),
                "opt_sparse": opt_sparse.state_dict(),
                "opt_dense": opt_dense.state_dict(),
                "step": step,
                "rng": rng.bit_generator.state,
                "torch_rng": torch.get_rng_state(),
            },
            ckpt + ".tmp",
        )
        os.replace(ckpt + ".tmp", ckpt)

    net.train()
    t0, run_loss, run_acc, n = time.time(), 0.0, 0.0, 0
    while step < args.steps:
        # Linear decay to 10 % of the learning rate over the run.
        lr = args.lr * (1.0 - 0.9 * step / args.steps)
        for o in (opt_sparse, opt_dense):
            for g in o.param_groups:
                g["lr"] = lr
        ids, mask, hide, target = make_batch(sources, rng, args.batch)
        h = net.encode(ids, mask)[1].transpose(1, 2)  # [B,T,C]: the conv features
        logits = head(h[hide])
        loss = F.cross_entropy(logits, target[hide])
        opt_sparse.zero_grad()
        opt_dense.zero_grad()
        loss.backward()
        opt_sparse.step()
        opt_dense.step()
        with torch.no_grad():
            net.emb.weight[0].zero_()
        step += 1
        run_loss += loss.item()
        run_acc += (logits.argmax(1) == target[hide]).float().mean().item()
        n += 1
        if step % 100 == 0:
            print(f"step {step}/{args.steps}  loss {run_loss / n:.3f}  acc {run_acc / n:.3f}  {time.time() - t0:.0f}s", flush=True)
            run_loss, run_acc, n = 0.0, 0.0, 0
        if step % args.every == 0 or step == args.steps:
            save_ckpt()
    enc = {k: v for k, v in net.state_dict().items() if k.startswith("emb.") or k.startswith("convs.")}
    torch.save({"encoder": enc, "dim": args.dim, "channels": args.channels, "dilations": list(dil), "steps": step}, args.out)
    print(f"encoder saved to {args.out}", flush=True)


if __name__ == "__main__":
    main()
