"""{{FUNCTIONAL}}: the functional suite (tests/functional), from the JSON of `eval.ts --functional-only --json`:
{level, byLang: {en|fr: {overall, mustFlag, mustPass, byFunction: {fn: Rate}, womenFalsePositive, ...}},
 women: [{lang, hateful, harmless, auc, harmlessHidden, hatefulCaught}]}, Rate = {passed, total, rate}
(NaN is written as null). Per-function rows follow the order of FUNCTIONS in tests/functional/load-cases.ts."""
import json
import math
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

from .measured import fmt

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUNCTIONAL_CMD = "npx tsx scripts/eval.ts --functional-only --json training/work/functional.json"
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
    to_her = {t.get("lang"): t for t in fj.get("toHer") or []}
    langs = [l for l in FUNCTIONAL_LANGS if l in by_lang] + sorted(l for l in by_lang if l not in FUNCTIONAL_LANGS)
    head = " | ".join(l.upper() for l in langs)
    sep = "|".join("---" for _ in langs)
    out = [f"### Functional suite (hand-written cases, `{fj.get('level', '?')}` level)\n"]
    out.append(
        "`tests/functional/cases.{en,fr}.jsonl`: sentences written for this suite, never trained or tuned on. A "
        "must-flag case passes when the level raises at least one label, a must-pass case when it raises none. "
        "\"About women\": the hateful functions aimed at a woman or at women against the harmless ones that "
        "mention women (neutral, positive, counter-speech, negated hate, testimony, feminist debate). The ranking "
        "ROC-AUC uses the highest of the six scores, so no threshold can move it. \"Written to her\": the cases "
        "addressed to the woman who receives them (`toHer`).\n"
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
        (
            "replies written to her: hostile caught",
            lambda l: count_cell(to_her.get(l, {}).get("caughtShare"), to_her.get(l, {}).get("hostile")),
            "≥ 90 %",
        ),
        (
            "replies written to her: harmless kept",
            lambda l: count_cell(to_her.get(l, {}).get("keptShare"), to_her.get(l, {}).get("harmless")),
            "≥ 90 %",
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
    out.extend(ordinary_section(fj.get("ordinary")))
    return "\n".join(out)


def ordinary_section(ordinary):
    """Lines for the held-out ordinary corpus sentences the categories hide ({sample: {lang|corpus: {hidden,
    total}}}); none when they were not measured (no corpora)."""
    if not ordinary:
        return []
    out = [
        "",
        "### Ordinary sentences hidden (held-out corpus sentences, not the suite)\n",
        "Plain sentences from the unlabelled corpora (tweets, TV reviews, parliamentary debates, theatre, literature) "
        "that no model was trained on (`training/datasets/ordinary.ts`), and the share the categories would hide "
        "at this level (toxic is scored but hides nothing). \"Filtered\": no profanity-list word and no group word, "
        "as the training sentences; \"as they come\": unfiltered, so a few are rude or about women.\n",
        "| sample | EN | FR | per corpus |",
        "|---|---|---|---|",
    ]
    for name, by in ordinary.items():
        cell = lambda k: (f"{pct(by[k]['hidden'] / by[k]['total'])} ({by[k]['hidden']}/{by[k]['total']})" if by.get(k) and by[k]["total"] else "–")
        corpora = ", ".join(f"{k} {cell(k)}" for k in by if k not in ("en", "fr"))
        out.append(f"| {name} | {cell('en')} | {cell('fr')} | {corpora} |")
    return out


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
