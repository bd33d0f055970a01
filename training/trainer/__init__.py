"""Bouclier's classifier trainer: the shipped recipe of `npm run train`, one module per job.

  data.py       rows.jsonl + features.bin (written by build-dataset.ts), row weights, length-bucketed batches
  model.py      the network (int8 hashed embeddings, dilated convolutions, attention pooling, MLP)
  losses.py     the training loss: masked BCE, identity-swap consistency, ranking on contrast minimal pairs
  distill.py    ensemble distillation: teachers save their scores, the student fits their mean
  fit.py        epochs, early stopping on the dev objective, int8 quantisation and dense fine-tune
  metrics.py    ROC-AUC, precision/recall/F1, the dev objective that picks the epoch
  calibrate.py  the three threshold levels, calibrated on dev
  export.py     the hand-built ONNX graph, model.json and parity.json
  report.py     test-split metrics and keyword baselines for report.json (and so the model card)
  cli.py        the command line of training/train.py, which runs these in order

Run with Debian's /usr/bin/python3 (python3-torch, python3-onnx, python3-numpy, and
python3-scipy, python3-sklearn for the group-word bias). Deterministic: fixed seeds,
one thread, deterministic algorithms. Experiments that were not kept live in training/lab/ and build on these
modules.
"""
