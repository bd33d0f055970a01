#!/usr/bin/python3
"""Ships one of the students train.sh trained side by side: the one with the highest dev objective of its int8
model (the model that is exported), the first listed on a tie. The dev split only: the functional suite and the
test split never choose. Copies the chosen student's bouclier.onnx, model.json and parity.json into --models,
writes its report (with a `student_pick` entry naming every candidate) to <work>/report.json, and prints the
choice.

  pick_student.py --work W --models M STUDENT_DIR...   (each STUDENT_DIR holds models/ and report.json)"""
import argparse
import json
import os
import shutil

SHIPPED_FILES = ("bouclier.onnx", "model.json", "parity.json")
KEY = "dev_objective_int8"


def candidates(dirs):
    out = []
    for d in dirs:
        with open(os.path.join(d, "report.json"), encoding="utf8") as f:
            report = json.load(f)
        out.append({"dir": d, "report": report, "seed": report["config"]["seed"], KEY: report[KEY], "dev_objective": report["dev_objective"]})
    return out


def pick(cands):
    """The highest int8 dev objective; on a tie the earliest candidate (max keeps the first maximum)."""
    return max(cands, key=lambda c: c[KEY])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", required=True)
    ap.add_argument("--models", required=True)
    ap.add_argument("students", nargs="+")
    args = ap.parse_args(argv)
    cands = candidates(args.students)
    best = pick(cands)
    os.makedirs(args.models, exist_ok=True)
    for name in SHIPPED_FILES:
        shutil.copyfile(os.path.join(best["dir"], "models", name), os.path.join(args.models, name))
    report = dict(best["report"])
    report["student_pick"] = {
        "by": KEY,
        "picked_seed": best["seed"],
        "candidates": [{"seed": c["seed"], KEY: c[KEY], "dev_objective": c["dev_objective"]} for c in cands],
    }
    with open(os.path.join(args.work, "report.json"), "w", encoding="utf8") as f:
        json.dump(report, f, indent=2)
    listed = ", ".join(f"seed {c['seed']} {c[KEY]}" for c in cands)
    print(f"== student shipped: seed {best['seed']} (int8 dev objective: {listed}) → {args.models}")


if __name__ == "__main__":
    main()
