"""The command line of training/train.py and the order of a run: read the work folder, fit, quantise,
calibrate, export, report. Every option is a value of the shipped recipe (train.sh passes the rest); the
defaults are the shipped values. The steps are separate functions so that training/lab/ can run variants
of the recipe through the same code."""
import argparse
import json
import os
import time

import numpy as np
import torch

from . import calibrate as C
from .data import CONTRAST, FRENCH_WEIGHT, GEN, REPO, SOURCE_WEIGHT, Data
from .distill import load_soft_targets, save_train_scores
from .export import architecture, export_onnx, write_model_json, write_parity
from .fit import quantise, train
from .group_bias import group_bias
from .losses import Objective
from .model import Net, score_rows
from .report import evaluate, keyword_baselines


def parser():
    ap = argparse.ArgumentParser(description="Train, calibrate and export Bouclier's classifier (run by training/train.sh).")
    ap.add_argument("--work", default=os.path.join(REPO, "training", "work"))
    ap.add_argument("--models", default=os.path.join(REPO, "models"))
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--patience", type=int, default=1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--channels", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--dilations", default="1,2,4", help="dilation of each width-3 conv layer")
    ap.add_argument("--heads", type=int, default=4, help="attention-pooling heads (0 = max+mean only)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--slot-dropout", type=float, default=0.3)
    ap.add_argument("--harmless-mix", type=float, default=C.HARMLESS_MIX, help="weight of generated harmless dev rows in calibration, relative to the public negatives of each label")
    ap.add_argument("--strict-max-fpr", type=float, default=C.STRICT_MAX_FPR, help="strict may flag at most this share of the calibration negatives")
    ap.add_argument("--smoke", action="store_true", help="1 epoch, no int8 fine-tune: for the CI smoke test")
    ap.add_argument("--gen-weight", type=float, default=SOURCE_WEIGHT[GEN], help="row weight of generated rows")
    ap.add_argument("--french-weight", type=float, default=FRENCH_WEIGHT, help="row weight multiplier for French rows")
    ap.add_argument("--harmless-cap", type=float, default=C.HARMLESS_CAP, help="balanced thresholds of --harmless-cap-labels flag at most this share of generated harmless dev rows (1 = off)")
    ap.add_argument("--harmless-cap-labels", default=",".join(C.HARMLESS_CAP_LABELS))
    ap.add_argument("--consistency", type=float, default=0.3, help="weight of the identity-swap consistency loss (0 = off)")
    ap.add_argument("--consistency-pairs", type=int, default=32, help="counterfactual pairs per training step")
    ap.add_argument("--contrast-weight", type=float, default=SOURCE_WEIGHT[CONTRAST], help="row weight of our hand-written contrast rows")
    ap.add_argument("--rank", type=float, default=0.0, help="weight of the pairwise ranking loss on contrast minimal pairs (0 = off; train.sh: 1)")
    ap.add_argument("--rank-pairs", type=int, default=32, help="minimal pairs per training step for --rank")
    ap.add_argument("--group-bias", type=float, default=0.0, help="weight of the group-word bias logits added on public rows in the hard-label loss (group_bias.py; 0 = off)")
    ap.add_argument("--report", default=None, help="where to write report.json (default: <work>/report.json)")
    ap.add_argument("--save-train-scores", default=None, help="teacher for distillation: save the final model's probabilities on the train rows (npz)")
    ap.add_argument("--distill", default="", help="student: comma-separated --save-train-scores files of the teachers (off by default)")
    ap.add_argument("--distill-weight", type=float, default=0.5, help="weight of the soft-target BCE (the hard-label BCE gets 1 - this)")
    return ap


def parse(ap, argv=None):
    args = ap.parse_args(argv)
    if args.smoke:
        args.epochs, args.patience = 1, 1
    return args


def setup(args):
    """Seeds, one thread, deterministic algorithms; returns the run's RandomState."""
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    return np.random.RandomState(args.seed)


def load(args, t0):
    weights = {**SOURCE_WEIGHT, GEN: args.gen_weight, CONTRAST: args.contrast_weight}
    data = Data(args.work, weights, args.french_weight)
    tr, dv, te = data.splits()
    print(f"rows train {len(tr)} dev {len(dv)} test {len(te)}; read in {time.time() - t0:.1f}s", flush=True)
    return data, tr, dv, te


def soft_targets(args, data, tr):
    if not args.distill:
        return None
    files = args.distill.split(",")
    print(f"distillation: {len(files)} teachers, weight {args.distill_weight}, annotated labels", flush=True)
    return load_soft_targets(data, tr, files)


def objective(args, data, tr, soft, cls=Objective, **extra):
    bias = None
    if args.group_bias > 0:
        bias = group_bias(data, tr, args.work, seed=args.seed) * args.group_bias
        print(f"group-word bias: weight {args.group_bias}", flush=True)
    obj = cls(data, tr, args.consistency, args.consistency_pairs, args.rank, args.rank_pairs, soft, args.distill_weight, bias=bias, **extra)
    if obj.pools:
        print(f"consistency pairs: {len(obj.pools)} family pools, weight {args.consistency}", flush=True)
    if obj.pairs is not None:
        print(f"ranking loss: {len(obj.pairs)} contrast minimal pairs, weight {args.rank}", flush=True)
    return obj


def dilations(args):
    return [int(x) for x in str(args.dilations).split(",")]


def fit(args, model, data, tr, dv, obj, rng):
    """Trains and quantises; returns (best dev objective, history, dev objective of the int8 model)."""
    best, history = train(model, data, tr, dv, obj, rng, args.epochs, args.patience, args.batch, args.lr, args.slot_dropout)
    q_obj = quantise(model, data, tr, dv, obj, rng, args.batch, args.lr, args.slot_dropout, fine_tune=not args.smoke)
    return best, history, q_obj


def finish(args, model, data, splits, best, history, q_obj, t0, calibrate=C.calibrate, export=export_onnx, arch=architecture):
    """Teacher scores, thresholds, ONNX, test report, model.json, report.json, parity.json. Returns the dev
    and test scores."""
    tr, dv, te = splits
    if args.save_train_scores:
        save_train_scores(model, data, tr, args.save_train_scores)
    # Thresholds on dev: relaxed = F0.5-optimal (precision), balanced = F1-optimal, strict = F2-optimal (recall).
    sdev = score_rows(model, data, dv)
    cap_labels = tuple(x for x in args.harmless_cap_labels.split(",") if x)
    th = calibrate(data, dv, sdev, args.harmless_mix, args.strict_max_fpr, args.harmless_cap, cap_labels)

    os.makedirs(args.models, exist_ok=True)
    onnx_path = os.path.join(args.models, "bouclier.onnx")
    size = export(model, onnx_path)
    print(f"exported {onnx_path} ({size / 1e6:.2f} MB)", flush=True)

    # Test metrics (never used for any choice above).
    ste = score_rows(model, data, te)
    report = evaluate(data, te, ste, th)
    report["keyword_baselines"] = keyword_baselines(data, te, ste, th, args.work)
    report["dev_objective"] = round(best, 4)
    report["dev_objective_int8"] = round(q_obj, 4)
    report["history"] = history
    report["config"] = {k: v for k, v in vars(args).items() if k not in ("work", "models")}
    report["model_bytes"] = size
    report["train_seconds"] = round(time.time() - t0, 1)

    write_model_json(args.models, data.hdr["featurizerVersion"], th, report["summary"], arch(args, data.hdr["buckets"]))
    json.dump(report, open(args.report or os.path.join(args.work, "report.json"), "w"), indent=2)
    write_parity(model, args.work, args.models, data.hdr["featurizerVersion"])
    print(json.dumps(report["summary"], indent=1))
    print(f"done in {time.time() - t0:.0f}s")
    return sdev, ste


def main(argv=None):
    args = parse(parser(), argv)
    rng = setup(args)
    t0 = time.time()
    data, tr, dv, te = load(args, t0)
    obj = objective(args, data, tr, soft_targets(args, data, tr))
    model = Net(data.hdr["buckets"], args.dim, args.channels, args.hidden, dilations(args), args.heads)
    best, history, q_obj = fit(args, model, data, tr, dv, obj, rng)
    finish(args, model, data, (tr, dv, te), best, history, q_obj, t0)
