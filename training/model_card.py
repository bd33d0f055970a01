#!/usr/bin/python3
"""Renders models/README.md (the model card) from training/model-card.template.md, filling the
measured sections from training/work/report.json and training/work/dataset-stats.json ({{METRICS}}) and from
training/work/functional.json ({{FUNCTIONAL}}, written by `npx tsx scripts/eval.ts --functional-only --json
training/work/functional.json`), so the card always describes the model that was just trained. Run by
`npm run train` after train.py and the functional suite.

Usage: python3 training/model_card.py [--work DIR] [--models DIR] [--template FILE] [--out FILE]
  [--functional FILE]
Defaults: --work training/work, --models models, --template training/model-card.template.md,
--out <models>/README.md, --functional <work>/functional.json. Other paths let a report be rendered
elsewhere (e.g. into /tmp) without touching models/README.md."""
import argparse
import json
import math
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = ["misogyny", "insult", "threat", "sexual", "identity_attack", "toxic"]
FUNCTIONAL_CMD = "npx tsx scripts/eval.ts --functional-only --json training/work/functional.json"


def fmt(x):
    if isinstance(x, float) and math.isnan(x):
        return "–"
    return "–" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def share(num, den):
    return f"{num / den:.2f}" if den else "–"


def tables(report, stats, model_json):
    out = []
    s = report["summary"]
    out.append("### Headline (test split, `balanced` thresholds)\n")
    out.append("| measure | value | target |\n|---|---|---|")
    out.append(f"| misogyny ROC-AUC, English, public datasets only | {fmt(s.get('misogyny_auc_en_public_only'))} | ≥ 0.90 |")
    out.append(f"| misogyny ROC-AUC, French, public datasets only | {fmt(s.get('misogyny_auc_fr_public_only'))} | ≥ 0.85 |")
    out.append(f"| misogyny ROC-AUC, English, all test rows incl. our generated held-out families and contrast sentences | {fmt(s['misogyny_auc_en'])} | |")
    out.append(f"| misogyny ROC-AUC, French, same | {fmt(s['misogyny_auc_fr'])} | |")
    out.append(f"| EDOS test portion, Task A macro-F1 | {fmt(s['edos_test_macro_f1'])} | ≥ 0.80 |")
    out.append(f"| generated non-hostile rows mentioning women, flagged on any label (FPR) | {fmt(s['gen_nonhostile_women_fpr_any'])} | ≤ 0.10 |")
    out.append(f"| same, flagged as misogyny | {fmt(s['gen_nonhostile_women_fpr_misogyny'])} | |")
    out.append(f"| generated hostile rows (held-out families), flagged on any label (recall) | {fmt(s['gen_hostile_recall_any'])} | |")
    out.append(f"| generated hostile rows against women, flagged as misogyny (recall) | {fmt(s['gen_hostile_women_recall_misogyny'])} | |")
    out.append("")
    out.append("### Per label (test split; rows where the label is annotated)\n")
    out.append("| label | n | positives | ROC-AUC | precision | recall | F1 | best keyword list F1 (list) | margin |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    kb = report.get("keyword_baselines") or {}
    for l in LABELS:
        p = report["per_label"][l]
        k = kb.get(l, {})
        out.append(
            f"| {l} | {p['n']} | {p['pos']} | {fmt(p['auc'])} | {fmt(p['precision'])} | {fmt(p['recall'])} | {fmt(p['f1'])} | "
            f"{fmt(k.get('best_f1'))} ({k.get('best_list', '–')}) | {fmt(k.get('margin'))} |"
        )
    out.append("")
    if "en_public" in report["per_lang"]:
        out.append("### Per language, public datasets only (test split; our generated and contrast rows excluded)\n")
        out.append("| label | EN n / pos | EN ROC-AUC | EN F1 | FR n / pos | FR ROC-AUC | FR F1 |")
        out.append("|---|---|---|---|---|---|---|")
        for l in LABELS:
            e, f = report["per_lang"]["en_public"][l], report["per_lang"]["fr_public"][l]
            out.append(f"| {l} | {e['n']} / {e['pos']} | {fmt(e['auc'])} | {fmt(e['f1'])} | {f['n']} / {f['pos']} | {fmt(f['auc'])} | {fmt(f['f1'])} |")
        out.append("")
    out.append("### Per language, all test rows incl. our generated held-out families and contrast sentences\n")
    out.append("| label | EN n / pos | EN ROC-AUC | EN F1 | FR n / pos | FR ROC-AUC | FR F1 |")
    out.append("|---|---|---|---|---|---|---|")
    for l in LABELS:
        e, f = report["per_lang"]["en"][l], report["per_lang"]["fr"][l]
        out.append(f"| {l} | {e['n']} / {e['pos']} | {fmt(e['auc'])} | {fmt(e['f1'])} | {f['n']} / {f['pos']} | {fmt(f['auc'])} | {fmt(f['f1'])} |")
    out.append("")
    out.append("### Generated held-out families, by kind (test split)\n")
    out.append("| kind | rows | flagged (any label) | flagged as misogyny |")
    out.append("|---|---|---|---|")
    for kind, g in sorted((report.get("generated_by_kind") or {}).items()):
        out.append(f"| {kind} | {g['n']} | {share(g['flag_any'], g['n'])} | {share(g['flag_misogyny'], g['n'])} |")
    out.append("")
    out.append("### Thresholds (calibrated on dev)\n")
    out.append("| label | relaxed (F0.5-optimal) | balanced (F1-optimal, default) | strict (F2-optimal, floored: ≤ 20 % of calibration negatives) |")
    out.append("|---|---|---|---|")
    th = model_json["thresholds"]
    for l in LABELS:
        out.append(f"| {l} | {th['relaxed'][l]:.3f} | {th['balanced'][l]:.3f} | {th['strict'][l]:.3f} |")
    out.append("")
    out.append("### Data after de-duplication\n")
    out.append("| source | train | dev | test |\n|---|---|---|---|")
    for src, sp in sorted(stats["bySourceSplit"].items()):
        out.append(f"| {src} | {sp.get('train', 0)} | {sp.get('dev', 0)} | {sp.get('test', 0)} |")
    out.append(f"| **total** | {stats['bySplit'].get('train', 0)} | {stats['bySplit'].get('dev', 0)} | {stats['bySplit'].get('test', 0)} |")
    out.append("")
    out.append(
        f"Rows read: {sum(stats['read'].values())}; merged as duplicates (same normalised text): {stats['duplicatesMerged']}; "
        f"dropped (no tokens): {stats['droppedEmpty']}; label disagreements resolved by source priority: "
        f"{sum(stats['labelConflicts'].values())}."
    )
    straddling = stats.get("splitKeysStraddling") or {}
    if straddling:
        out.append(
            "Split keys (pairs, conversations) with one text in another split, because that text also belongs to "
            "another keyed unit or to an official test item: "
            + ", ".join(f"{k} {v}" for k, v in sorted(straddling.items()))
            + "."
        )
    if stats.get("contrastSkipped"):
        out.append(f"Malformed contrast lines skipped: {stats['contrastSkipped']}.")
    out.append("")
    cfg = report["config"]
    out.append(
        f"Run: {len(report['history'])} epochs (best dev objective {report['dev_objective']}, "
        f"{report.get('dev_objective_int8', '–')} with the int8 table), "
        f"D={cfg['dim']}, channels={cfg['channels']}, dilations={cfg.get('dilations', '1,2')}, "
        f"attention heads={cfg.get('heads', 0)}, hidden={cfg['hidden']}, slot dropout={cfg.get('slot_dropout')}, "
        f"batch={cfg['batch']}, lr={cfg['lr']}, seed={cfg['seed']}{recipe_extras(cfg)}; "
        f"model file {report['model_bytes'] / 1e6:.2f} MB; wall time {report['train_seconds']:.0f} s on 1 CPU thread."
    )
    return "\n".join(out)


def recipe_extras(cfg):
    """The optional parts of the recipe that this run used (paths left out: they are the machine's, not the model's)."""
    extras = []
    if cfg.get("distill"):
        n = len([f for f in str(cfg["distill"]).split(",") if f])
        extras.append(f"distilled from {n} teacher{'s' if n != 1 else ''} (weight {cfg.get('distill_weight')})")
    if cfg.get("consistency"):
        extras.append(f"consistency weight={cfg['consistency']}")
    if cfg.get("rank"):
        extras.append(f"contrast ranking weight={cfg['rank']}")
    if cfg.get("init_encoder"):
        extras.append("encoder initialised from a pretrained checkpoint")
    return "".join(f", {e}" for e in extras)


# --------------------------------------------------------------------------------------------------------------
# {{FUNCTIONAL}}: the functional suite (tests/functional), from the JSON of `eval.ts --functional-only --json`:
# {level, byLang: {en|fr: {overall, mustFlag, mustPass, byFunction: {fn: Rate}, womenFalsePositive, ...}},
#  women: [{lang, hateful, harmless, auc, harmlessHidden, hatefulCaught}]}, Rate = {passed, total, rate}
# (NaN is written as null).

FUNCTIONAL_LANGS = ["en", "fr"]


def function_specs(load_cases_ts):
    """[(function, expected)] in the order of FUNCTIONS in tests/functional/load-cases.ts; [] if unreadable."""
    try:
        src = open(load_cases_ts, encoding="utf8").read()
    except OSError:
        return []
    start = src.find("export const FUNCTIONS")
    end = src.find("} as const", start)
    if start < 0 or end < 0:
        return []
    return re.findall(r"^\s*(\w+):\s*\{\s*expected:\s*'(flag|pass)'", src[start:end], re.M)


def pct(x):
    """A share as `71.3 %`, rounded half up like the eval's own table (JavaScript toFixed)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{Decimal(repr(x * 100)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)} %"


def rate_cell(r):
    """A Rate as `71.3 % (395/554)`; `–` when absent or empty."""
    if not r or not r.get("total"):
        return "–"
    rate = r.get("rate")
    if rate is None:
        rate = r["passed"] / r["total"]
    return f"{pct(rate)} ({r['passed']}/{r['total']})"


def count_cell(x, n):
    """A share of n cases as `27.6 % (47/170)`."""
    if x is None or not n or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{pct(x)} ({round(x * n)}/{n})"


def functional_section(fj, specs):
    """Markdown for {{FUNCTIONAL}} from the parsed functional.json."""
    by_lang = fj.get("byLang") or {}
    women = {w.get("lang"): w for w in fj.get("women") or []}
    langs = [l for l in FUNCTIONAL_LANGS if l in by_lang] + sorted(l for l in by_lang if l not in FUNCTIONAL_LANGS)
    head = " | ".join(l.upper() for l in langs)
    sep = "|".join("---" for _ in langs)
    out = [f"### Functional suite (hand-written cases, `{fj.get('level', '?')}` level)\n"]
    out.append(
        "`tests/functional/cases.{en,fr}.jsonl`: sentences written for this suite, never trained or tuned on. A "
        "must-flag case passes when the level raises at least one label, a must-pass case when it raises none. "
        "\"About women\": the hateful functions aimed at a woman or at women against the harmless ones that "
        "mention women (neutral, positive, counter-speech, negated hate, testimony, feminist debate). The ranking "
        "ROC-AUC uses the highest of the six scores, so no threshold can move it.\n"
    )
    out.append(f"| measure | {head} | target |\n|---|{sep}|---|")
    rows = [
        ("overall pass rate", lambda l: rate_cell(by_lang[l].get("overall")), "≥ 90 %"),
        (
            "ranking ROC-AUC, hateful vs harmless sentences about women (cases: hateful / harmless)",
            lambda l: (
                f"{fmt(women[l].get('auc'))} ({women[l].get('hateful', '?')} / {women[l].get('harmless', '?')})"
                if l in women
                else "–"
            ),
            "≥ 0.90",
        ),
        (
            "harmless sentences about women hidden",
            lambda l: (
                rate_cell(by_lang[l].get("womenFalsePositive"))
                if by_lang[l].get("womenFalsePositive")
                else count_cell(women.get(l, {}).get("harmlessHidden"), women.get(l, {}).get("harmless"))
            ),
            "≤ 10 %",
        ),
        (
            "hateful sentences about women caught",
            lambda l: count_cell(women.get(l, {}).get("hatefulCaught"), women.get(l, {}).get("hateful")),
            "",
        ),
        ("all must-flag cases caught (recall)", lambda l: rate_cell(by_lang[l].get("mustFlag")), ""),
        ("all must-pass cases left visible (specificity)", lambda l: rate_cell(by_lang[l].get("mustPass")), ""),
    ]
    for name, cell, target in rows:
        out.append(f"| {name} | " + " | ".join(cell(l) for l in langs) + f" | {target} |")
    out.append("")
    out.append("Per function (passed / cases):\n")
    out.append(f"| function | expected | {head} |\n|---|---|{sep}|")
    names = [fn for fn, _ in specs]
    expected = dict(specs)
    for l in langs:  # functions in the JSON that load-cases.ts does not list (or could not be read)
        for fn in (by_lang[l].get("byFunction") or {}):
            if fn not in expected and fn not in names:
                names.append(fn)
    for fn in names:
        cells = [rate_cell((by_lang[l].get("byFunction") or {}).get(fn)) for l in langs]
        if all(c == "–" for c in cells):
            continue
        out.append(f"| {fn} | {expected.get(fn, '?')} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def functional_block(path, newer_than=None):
    """{{FUNCTIONAL}} text: the tables from `path`, or a line saying how to make it. A file older than
    `newer_than` (the model's model.json) was measured on another model and is not used."""
    missing = f"_Functional suite not measured for this card: run `{FUNCTIONAL_CMD}`, then `python3 training/model_card.py`._"
    if not os.path.exists(path):
        return missing
    if newer_than and os.path.exists(newer_than) and os.path.getmtime(path) < os.path.getmtime(newer_than):
        print(f"{path} is older than {newer_than}: not used (measured on another model)", file=sys.stderr)
        return missing
    with open(path, encoding="utf8") as f:
        fj = json.load(f)
    return functional_section(fj, function_specs(os.path.join(REPO, "tests", "functional", "load-cases.ts")))


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
