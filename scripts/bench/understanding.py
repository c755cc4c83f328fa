"""Charley's understanding: intent cross-validation and the clinical extractor's labelled set.

* intents: Rasa's own cross-validation of data/nlu (`rasa test nlu --cross-validation`, the
  same command as `make crossval`), 5 folds in the full run, 2 in the smoke run.
* entities: Charley trains no entity extractor (its data has no entity annotations); entities
  come from the rule-based clinical extractor, scored on tests/nlu/labelled_mentions.yml by
  bot/nlu/evaluate.py, including the negation rate on labelled negated mentions.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from harness.stack import PYTHON, ROOT, base_env

LABELLED = ROOT / "tests" / "nlu" / "labelled_mentions.yml"


def rasa_cross_validation(folds: int, out_dir: Path) -> dict[str, Any]:
    """Runs `rasa test nlu --cross-validation`; returns its intent report (test folds)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [PYTHON, "-m", "rasa", "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml"]
    cmd += ["--cross-validation", "--folds", str(folds), "--out", str(out_dir.resolve())]
    env = {
        **base_env(),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    with open(out_dir / "rasa-cv.log", "w") as log:
        status = subprocess.run(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    if status:
        raise RuntimeError(f"rasa test nlu failed; see {out_dir / 'rasa-cv.log'}")
    return json.loads((out_dir / "intent_report.json").read_text())


def intent_cv(folds: int, out_dir: Path) -> dict[str, Any]:
    """Macro precision/recall/F1, accuracy and per-intent scores of Rasa's cross-validation."""
    start = time.monotonic()
    report = rasa_cross_validation(folds, out_dir)
    per = {k: v for k, v in report.items() if isinstance(v, dict) and "avg" not in k}
    return {
        "method": f"rasa test nlu --cross-validation --folds {folds}",
        "accuracy": report["accuracy"],
        "macro_precision": report["macro avg"]["precision"],
        "macro_recall": report["macro avg"]["recall"],
        "macro_f1": report["macro avg"]["f1-score"],
        "weighted_f1": report["weighted avg"]["f1-score"],
        "examples": sum(int(v["support"]) for v in per.values()),
        "intents": len(per),
        "per_intent": {
            k: {m: float(x) for m, x in v.items() if m != "confused_with"} for k, v in per.items()
        },
        "seconds": time.monotonic() - start,
    }


def extractor(path: Path = LABELLED) -> dict[str, Any]:
    from bot.nlu.evaluate import score

    start = time.monotonic()
    result = score(path)
    errors = result.pop("errors")
    return {
        **result,
        "wrong_examples": len(errors),
        "error_examples": errors[:10],
        "seconds": time.monotonic() - start,
    }
