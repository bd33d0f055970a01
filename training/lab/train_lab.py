#!/usr/bin/python3
"""training/train.py with the options that were tried and not kept (training/lab/variants.py, options.py),
plus `--dump` (dev and test scores for compare_runs.py) and `--init-encoder` (start the embedding table and the
convolutions from pretrain.py's output). Without any of them it trains exactly what train.py trains.

  /usr/bin/python3 training/lab/train_lab.py [train.py options] [--gru 16] [--wide-slots 16] [--emb-pool]
      [--init-encoder ENC.pt] [--pos-weight sexual=3] [--kind-weights K=W,..] [--source-weights S=W,..]
      [--max-prevalence P] [--distill-all-labels] [--twins W [--twins-harmless-only]] [--dump run.npz]"""
import functools
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
from options import TWIN, LabObjective, calibrate_variant, parse_weights, row_weights  # noqa: E402
from trainer import cli  # noqa: E402
from trainer.data import CONTRAST, GEN, LABELS, SOURCE_WEIGHT, Data  # noqa: E402
from variants import VariantNet, architecture_variant, export_variant  # noqa: E402


def parser():
    ap = cli.parser()
    ap.description = __doc__.split("\n")[0]
    ap.add_argument("--wide-slots", type=int, default=0, help="wide (fastText-style) linear part over the first N hashed slots of each token (0 = off; 2 = word + bigram, 16 = all)")
    ap.add_argument("--emb-pool", action="store_true", help="also feed the masked mean of the token embeddings to the MLP (bag-of-embeddings path)")
    ap.add_argument("--gru", type=int, default=0, help="forward GRU of this hidden size over the conv features, masked max+mean pooled (0 = off)")
    ap.add_argument("--init-encoder", default=None, help="start the embedding table and convolutions from training/lab/pretrain.py's output")
    ap.add_argument("--pos-weight", default="", help="per-label weight of the positive BCE term, e.g. sexual=3")
    ap.add_argument("--kind-weights", default="", help="extra row weights of generated kinds, e.g. counter_speech=2,negated_hate=2")
    ap.add_argument("--source-weights", default="", help="extra row weights, e.g. cmsb=2,edos=1.5")
    ap.add_argument("--max-prevalence", type=float, default=None, help="calibrate as if each label's positives were at most this share of the feed (negatives reweighted)")
    ap.add_argument("--distill-all-labels", action="store_true", help="soft targets on every label, also where the source has no annotation")
    ap.add_argument("--poe", default=None, help="product of experts with another bias model: logits of bias_model.py (npz; e.g. every word, not only group words) added to the network's on public rows in the hard-label loss, in place of --group-bias")
    ap.add_argument("--poe-scale", type=float, default=1.0, help="multiplier of the --poe bias logits")
    ap.add_argument("--rank-cross", type=float, default=0.0, help="weight of a ranking term between random hostile and harmless contrast rows, not only minimal pairs (0 = off)")
    ap.add_argument("--rank-cross-pairs", type=int, default=32, help="pairs per training step for --rank-cross")
    ap.add_argument("--twins", type=float, default=0.0, help="weight of the consistency term between our contrast sentences and their gender-swapped twins (build-dataset-lab.ts --twins; 0 = off)")
    ap.add_argument("--twin-pairs", type=int, default=32, help="twin pairs per training step for --twins")
    ap.add_argument("--twins-harmless-only", action="store_true", help="--twins on the twins of harmless sentences only")
    ap.add_argument("--dump", default=None, help="also save dev/test scores (npz) for compare_runs.py")
    return ap


def load(args, t0):
    weights = {**SOURCE_WEIGHT, GEN: args.gen_weight, CONTRAST: args.contrast_weight, **parse_weights(args.source_weights)}
    data = Data(args.work, weights, args.french_weight)
    kinds = parse_weights(args.kind_weights)
    if kinds:
        data.w = row_weights(data, weights, args.french_weight, kinds)
    # Twins (if the work folder has any) are kept out of the splits: no label, they would only take room in batches.
    data.split = np.array(["twin" if r["source"] == TWIN else s for r, s in zip(data.rows, data.split)])
    tr, dv, te = data.splits()
    print(f"rows train {len(tr)} dev {len(dv)} test {len(te)}; read in {time.time() - t0:.1f}s", flush=True)
    return data, tr, dv, te


def init_encoder(model, path, args, dil):
    enc = torch.load(path, weights_only=False)
    if (enc["dim"], enc["channels"], enc["dilations"]) != (args.dim, args.channels, dil):
        raise SystemExit(f"{path}: encoder shape {enc['dim']}/{enc['channels']}/{enc['dilations']} differs from --dim/--channels/--dilations")
    missing = model.load_state_dict(enc["encoder"], strict=False)
    print(f"encoder from {path} ({enc['steps']} pretraining steps; {len(missing.missing_keys)} layers start fresh)", flush=True)


def main(argv=None):
    args = cli.parse(parser(), argv)
    rng = cli.setup(args)
    t0 = time.time()
    data, tr, dv, te = load(args, t0)
    pos_weight = parse_weights(args.pos_weight, LABELS, "--pos-weight")
    obj = cli.objective(args, data, tr, cli.soft_targets(args, data, tr), LabObjective, pos_weight=pos_weight, distill_all=args.distill_all_labels,
                        rank_cross=args.rank_cross, rank_cross_pairs=args.rank_cross_pairs,
                        twins=args.twins, twin_pairs_n=args.twin_pairs, twins_harmless_only=args.twins_harmless_only)
    if args.poe:
        obj.bias = np.load(args.poe)["bias"] * args.poe_scale
    dil = cli.dilations(args)
    model = VariantNet(data.hdr["buckets"], args.dim, args.channels, args.hidden, dil, args.heads, args.wide_slots, args.emb_pool, args.gru)
    if args.init_encoder:
        init_encoder(model, args.init_encoder, args, dil)
    best, history, q_obj = cli.fit(args, model, data, tr, dv, obj, rng)
    calibrate = functools.partial(calibrate_variant, max_prevalence=args.max_prevalence)
    sdev, ste = cli.finish(args, model, data, (tr, dv, te), best, history, q_obj, t0, calibrate, export_variant, architecture_variant)
    if args.dump:
        np.savez(args.dump, dv=dv, sdev=sdev, te=te, ste=ste)


if __name__ == "__main__":
    main()
