"""The model card's measured sections (models/README.md), rendered by training/model_card.py:
measured.py ({{METRICS}}: report.json, dataset-stats.json, model.json) and functional.py ({{FUNCTIONAL}}:
the functional suite's JSON)."""
