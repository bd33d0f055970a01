#!/usr/bin/python3
"""Renders models/README.md (the model card) from training/model-card.template.md, filling the
measured sections from training/work/report.json and training/work/dataset-stats.json ({{METRICS}}) and from
training/work/functional.json ({{FUNCTIONAL}}, written by `npx tsx scripts/eval.ts --functional-only --json
training/work/functional.json`), so the card always describes the model that was just trained. Run by
`npm run train` after train.py and the functional suite. The sections themselves are written by
training/card/ (measured.py: {{METRICS}}; functional.py: {{FUNCTIONAL}}).

Usage: python3 training/model_card.py [--work DIR] [--models DIR] [--template FILE] [--out FILE]
  [--functional FILE]
Defaults: --work training/work, --models models, --template training/model-card.template.md,
--out <models>/README.md, --functional <work>/functional.json. Other paths let a report be rendered
elsewhere (e.g. into /tmp) without touching models/README.md."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from card.functional import REPO, functional_block  # noqa: E402
from card.measured import tables  # noqa: E402


def render(tpl, report, stats, model_json, functional_md):
    if "{{METRICS}}" not in tpl:
        sys.exit("template has no {{METRICS}} marker")
    card = tpl.replace("{{METRICS}}", tables(report, stats, model_json))
    return card.replace("{{FUNCTIONAL}}", functional_md)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Render the model card (models/README.md). Run by `npm run train`.")
    ap.add_argument("--work", default=os.path.join(REPO, "training", "work"), help="folder with report.json, dataset-stats.json, functional.json")
    ap.add_argument("--models", default=os.path.join(REPO, "models"), help="folder with model.json")
    ap.add_argument("--template", default=os.path.join(REPO, "training", "model-card.template.md"))
    ap.add_argument("--out", help="card to write (default: <models>/README.md)")
    ap.add_argument("--functional", help="functional suite JSON (default: <work>/functional.json)")
    args = ap.parse_args(argv)
    out_path = args.out or os.path.join(args.models, "README.md")
    for need in (os.path.join(args.work, "report.json"), os.path.join(args.work, "dataset-stats.json"), os.path.join(args.models, "model.json")):
        if not os.path.exists(need):
            sys.exit(f"{need} not found: run `npm run train` (or pass --work/--models): {out_path} left unchanged.")
    with open(os.path.join(args.work, "report.json"), encoding="utf8") as f:
        report = json.load(f)
    with open(os.path.join(args.work, "dataset-stats.json"), encoding="utf8") as f:
        stats = json.load(f)
    model_json_path = os.path.join(args.models, "model.json")
    with open(model_json_path, encoding="utf8") as f:
        model_json = json.load(f)
    # train.py writes the same summary into models/model.json and training/work/report.json: a report
    # left over from another run (an experiment, an older model) must never overwrite the card's numbers.
    if report.get("summary") != model_json.get("metrics"):
        sys.exit(
            f"{args.work}/report.json is not from the run that made {args.models} (its summary differs from "
            f"model.json metrics): {out_path} left unchanged. Run `npm run train` to retrain."
        )
    with open(args.template, encoding="utf8") as f:
        tpl = f.read()
    # The default functional.json must be newer than model.json (written after it by `npm run train`); an explicit
    # --functional is taken as given.
    if args.functional:
        functional_md = functional_block(args.functional)
    else:
        functional_md = functional_block(os.path.join(args.work, "functional.json"), model_json_path)
    card = render(tpl, report, stats, model_json, functional_md)
    with open(out_path, "w", encoding="utf8") as f:
        f.write(card)
    print(f"wrote {os.path.relpath(out_path, REPO) if out_path.startswith(REPO) else out_path}")


if __name__ == "__main__":
    main()
