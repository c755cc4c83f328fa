"""Charley's understanding: intent cross-validation and the clinical extractor's labelled set.

* intents: 5-fold cross-validation of data/nlu, either Rasa's own (`rasa test nlu
  --cross-validation`, via scripts/nlu_cv.py) or scripts/nlu_cv.py's scikit-learn replica of
  config.yml's pipeline (seconds; the smoke run uses it).
* entities: Charley trains no entity extractor (its data has no entity annotations); entities
  come from the rule-based clinical extractor, scored on tests/nlu/labelled_mentions.yml by
  bot/nlu/evaluate.py, including the negation rate on labelled negated mentions.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

from scripts import nlu_cv

LABELLED = Path(__file__).resolve().parents[2] / "tests" / "nlu" / "labelled_mentions.yml"


def _macro(per_intent: dict[str, dict[str, float]], key: str) -> float:
    rows = [v[key] for k, v in per_intent.items() if not k.startswith("_")]
    return sum(rows) / len(rows)


def intent_cv(rasa: bool, out_dir: Path) -> dict[str, Any]:
    """Macro precision/recall/F1, accuracy and per-intent scores of a 5-fold cross-validation."""
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with open(out_dir / "nlu-cv.txt", "w") as log, contextlib.redirect_stdout(log):
        if rasa:
            try:
                nlu_cv.rasa_cv(nlu_cv.NLU_DIR, out_dir.resolve(), nlu_cv.ROOT / "config.yml")
            except SystemExit as stop:
                raise RuntimeError(f"rasa test nlu failed; see {out_dir / 'rasa-cv.log'}") from stop
            report = json.loads((out_dir / "intent_report.json").read_text())
            per = {k: v for k, v in report.items() if isinstance(v, dict) and "avg" not in k}
            result = {
                "method": "rasa test nlu --cross-validation --folds 5",
                "accuracy": report["accuracy"],
                "macro_precision": report["macro avg"]["precision"],
                "macro_recall": report["macro avg"]["recall"],
                "macro_f1": report["macro avg"]["f1-score"],
                "weighted_f1": report["weighted avg"]["f1-score"],
            }
        else:
            per = nlu_cv.cross_validate(nlu_cv.load_examples(), grouped=False)
            summary = per.pop("_summary")
            result = {
                "method": "scripts/nlu_cv.py scikit-learn replica, StratifiedKFold(5, seed 0)",
                "accuracy": summary["accuracy"],
                "macro_precision": _macro(per, "precision"),
                "macro_recall": _macro(per, "recall"),
                "macro_f1": summary["macro_f1"],
                "weighted_f1": summary["weighted_f1"],
            }
    result["examples"] = sum(int(v["support"]) for v in per.values())
    result["intents"] = len(per)
    result["per_intent"] = {
        k: {m: float(x) for m, x in v.items() if m != "confused_with"} for k, v in per.items()
    }
    result["seconds"] = time.monotonic() - start
    return result


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
