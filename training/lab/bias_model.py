#!/usr/bin/python3
"""An every-word "bias" model for product-of-experts training (train_lab.py --poe): the shipped recipe's
group-word bias (training/trainer/group_bias.py) over every word instead of the group words only.

Per label, a logistic regression over the hashed word ids (slot 0 of each token) of a row's first chunk, on the
public TRAIN rows where the label is annotated, cross-fitted in two halves, centred; our own rows get none.
Explaining away every word also explains away slurs, which are real evidence: see the model card's training
history for what it did.

  /usr/bin/python3 training/lab/bias_model.py --work training/work --out training/work/bias.npz [--C 0.5]"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from trainer.data import Data  # noqa: E402
from trainer.group_bias import cross_fitted_bias  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", default="training/work")
    ap.add_argument("--out", required=True)
    ap.add_argument("--C", type=float, default=0.5, help="inverse regularisation strength")
    ap.add_argument("--seed", type=int, default=7, help="seed of the two-half split")
    args = ap.parse_args()
    t0 = time.time()
    data = Data(args.work)
    tr, _, _ = data.splits()
    bias = cross_fitted_bias(data, tr, None, args.C, args.seed, log=lambda m: print(f"{m} ({time.time() - t0:.0f}s)", flush=True))
    np.savez(args.out, bias=bias)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
