#!/usr/bin/python3
"""Trains Bouclier's classifier on training/work/ (written by build-dataset.ts), calibrates thresholds on
dev, exports ONNX + model.json + parity.json into models/, and writes a metrics report. Run by train.sh
(`npm run train`, `npm run train:smoke`) for the teachers and the distilled student; `--help` lists the
options. The code is the package training/trainer/ (one module per job: see its __init__.py).

Run with Debian's /usr/bin/python3 (python3-torch, python3-onnx, python3-numpy, python3-scipy,
python3-sklearn)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import torch  # noqa: F401
except ImportError as e:  # pragma: no cover
    sys.exit(f"train.py needs PyTorch from Debian (apt install python3-torch) under /usr/bin/python3: {e}")

from trainer.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
