#!/usr/bin/env bash
# One command for the whole training pipeline (npm run train / npm run train:smoke):
#   build-dataset.ts (public datasets + our generated and contrast rows) → keyword-baseline.ts
#   → train.py × 2 teachers (seeds 7 and 1234, run side by side: one thread each; the group-word bias explained
#     away; each saves its scores on the train rows)
#   → train.py student (seed 1234, same recipe, also fits the teachers' mean scores: ensemble distillation;
#     it is the shipped model: train, calibrate, export ONNX, model.json, parity.json)
#   → the functional suite on the new model (eval.ts --functional-only) → model_card.py (models/README.md).
# RECIPE holds the options every run shares; why each is there: the model card.
# Teachers are never shipped; their outputs go to <work>/teachers/.
# --smoke: a few hundred rows, 1 epoch, one teacher, everything under a temp dir (or $BOUCLIER_SMOKE_DIR);
# models/ untouched. Its data is the committed fixture (tests/fixtures/datasets, or $BOUCLIER_DATASETS) and the
# fixture contrast rows, so it runs on a fresh clone without ../shared. Extra arguments go to the student's train.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! "$PY" -c 'import torch, onnx, numpy, scipy, sklearn' 2>/dev/null; then
  echo "ERROR: $PY cannot import torch/onnx/numpy/scipy/sklearn. Install Debian's python3-torch python3-onnx python3-numpy python3-scipy python3-sklearn (apt-get install -y python3-torch python3-onnx python3-numpy python3-scipy python3-sklearn)." >&2
  exit 3
fi

TEACHER_SEEDS=(7 1234)
STUDENT_SEED=1234
DISTILL_WEIGHT=0.5
# The pairwise ranking loss on our contrast minimal pairs (train.py --rank).
RECIPE=(--rank 1.0)
# Teachers only: the group-word bias explained away on public rows (train.py --group-bias); the student learns
# from their debiased scores and the labels.
TEACHER_RECIPE=(--group-bias 1.0)

if [[ "${1:-}" == "--smoke" ]]; then
  shift
  WORK="${BOUCLIER_SMOKE_DIR:-$(mktemp -d /tmp/bouclier-smoke.XXXXXX)}"
  MODELS="$WORK/models"
  SMOKE=(--smoke)
  TEACHER_SEEDS=(7)
  npx tsx training/build-dataset.ts --limit 400 --datasets "${BOUCLIER_DATASETS:-tests/fixtures/datasets}" \
    --contrast tests/fixtures/contrast --out "$WORK"
  npx tsx training/keyword-baseline.ts --work "$WORK"
else
  WORK=training/work
  MODELS=models
  SMOKE=()
  npx tsx training/build-dataset.ts
  npx tsx training/keyword-baseline.ts
fi

scores=()
pids=()
for s in "${TEACHER_SEEDS[@]}"; do
  t="$WORK/teachers/s$s"
  mkdir -p "$t"
  echo "== teacher seed $s ($t, log in $t/train.log)"
  # Each teacher writes its own report; the student's run below writes the one the model card reads.
  "$PY" training/train.py "${SMOKE[@]}" "${RECIPE[@]}" "${TEACHER_RECIPE[@]}" --work "$WORK" --models "$t/models" --seed "$s" \
    --save-train-scores "$t/train-scores.npz" --report "$t/report.json" > "$t/train.log" 2>&1 &
  pids+=($!)
  scores+=("$t/train-scores.npz")
done
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "ERROR: teacher seed ${TEACHER_SEEDS[$i]} failed; its log:" >&2
    tail -n 30 "$WORK/teachers/s${TEACHER_SEEDS[$i]}/train.log" >&2
    exit 1
  fi
done
echo "== student seed $STUDENT_SEED (distilled from ${#scores[@]} teachers) → $MODELS"
"$PY" training/train.py "${SMOKE[@]}" "${RECIPE[@]}" --work "$WORK" --models "$MODELS" --seed "$STUDENT_SEED" \
  --distill "$(IFS=,; echo "${scores[*]}")" --distill-weight "$DISTILL_WEIGHT" "$@"

if [[ ${#SMOKE[@]} -eq 0 ]]; then
  npx tsx scripts/eval.ts --functional-only --model-dir "$MODELS" --json "$WORK/functional.json"
  "$PY" training/model_card.py
else
  echo "smoke outputs in $WORK"
fi
