#!/usr/bin/env bash
# One command for the whole training pipeline (npm run train / npm run train:smoke):
#   build-dataset.ts → keyword-baseline.ts → train.py (train, calibrate, export ONNX, model.json, parity.json)
#   → model_card.py (models/README.md metrics from the run's report).
# --smoke: a few hundred rows, 1 epoch, everything under a temp dir (or $BOUCLIER_SMOKE_DIR); models/ untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! "$PY" -c 'import torch, onnx, numpy' 2>/dev/null; then
  echo "ERROR: $PY cannot import torch/onnx/numpy. Install Debian's python3-torch python3-onnx python3-numpy (apt-get install -y python3-torch python3-onnx python3-numpy)." >&2
  exit 3
fi
if [[ "${1:-}" == "--smoke" ]]; then
  WORK="${BOUCLIER_SMOKE_DIR:-$(mktemp -d /tmp/bouclier-smoke.XXXXXX)}"
  MODELS="$WORK/models"
  npx tsx training/build-dataset.ts --limit 400 --out "$WORK"
  npx tsx training/keyword-baseline.ts --work "$WORK"
  "$PY" training/train.py --smoke --work "$WORK" --models "$MODELS"
  echo "smoke outputs in $WORK"
else
  npx tsx training/build-dataset.ts
  npx tsx training/keyword-baseline.ts
  "$PY" training/train.py "$@"
  "$PY" training/model_card.py
fi
