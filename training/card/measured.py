"""{{METRICS}}: the tables of the test-split metrics, thresholds, data and run of the model that was just
trained, from train.py's report.json, build-dataset.ts's dataset-stats.json and model.json."""
import math

LABELS = ["misogyny", "insult", "threat", "sexual", "identity_attack", "toxic"]


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
