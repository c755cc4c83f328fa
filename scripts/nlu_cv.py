"""Intent cross-validation for Charley's NLU data, plus data checks.

Two ways to measure, both 5-fold:

* the fast replica (default): the same features and classifier as config.yml, built directly with
  scikit-learn -- Rasa's WhitespaceTokenizer, digits -> __NUMBER__, lowercase, one CountVectorizer
  per CountVectorsFeaturizer in config.yml (analyzer and n-gram range read from it), the
  ClinicalFeaturizer's sentence features (computed by the same functions,
  bot/nlu/clinical_features.py), LogisticRegression(lbfgs, class_weight balanced, C and max_iter
  from config.yml) -- with StratifiedKFold(5, shuffle=True, random_state=0). Takes a minute or two.
* `--rasa`: Rasa's own `rasa test nlu --cross-validation --folds 5` into results/nlu-cv, then the
  same report read from its output. Takes a few minutes.

Honesty aids:

* `--grouped` keeps near-duplicate examples (same intent; the same words apart from filler such as
  "ok", "please", "charley", or character n-gram cosine >= 0.9) in the same fold
  (StratifiedGroupKFold), so a score cannot come from a near-copy leaking across folds.
* `--heldout` trains on all the data and classifies the texts of tests/e2e/conversations.yml
  (first messages, answers, interruptions, corrections) that are not in the training data.
* `--test FILE` trains on all the data and scores another labelled file (same YAML format),
  leaving out its texts that are also in the training data.
* `--check` lists duplicates (after the normalisation the featurizers see), near-duplicates with
  different intents, entity annotations, the count per intent, and how every button text the bot
  sends is labelled. It exits 1 on a hard problem.

Usage:
  .venv/bin/python scripts/nlu_cv.py [--grouped] [--heldout] [--check] [--rasa] [--seeds N]
      [--test FILE] [--data DIR] [--config config.yml] [--out results/nlu-cv] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # bot.nlu, for the clinical features
NLU_DIR = ROOT / "data" / "nlu"
OUT_DIR = ROOT / "results" / "nlu-cv"

# Every text the bot offers as a button, with the intent it must get.
BUTTONS = {
    "inform": [
        "Somewhere else",
        "Calf",
        "Thigh",
        "Foot",
        "Back",
        "Neck",
        "Hand",
        "Eyelid",
        "A few seconds",
        "A few minutes",
        "More than 10 minutes",
        "It doesn't let go",
        "Started today",
        "A few days",
        "About a week",
        "More than 2 weeks",
        "Months",
        "Just once",
        "Now and then",
        "A few times a week",
        "Every day or night",
        "Mild",
        "Moderate",
        "Severe",
    ],
    "deny": ["None of these", "No"],
    "affirm": ["Yes"],
    "dont_know": ["I'm not sure", "I don't know"],
    "ask_why_advice": ["Why this advice?"],
    "request_summary": ["Summary for my doctor"],
    "restart": ["Start over"],
}
ASSESSMENT = {"describe_spasm": "assessment", "inform": "assessment", "correct": "assessment"}
CHECKLIST_ITEMS = [
    "numbness",
    "weakness",
    "swelling",
    "redness",
    "warmth",
    "bladder_problems",
    "bowel_problems",
    "saddle_numbness",
    "walking_difficulty",
    "balance_problems",
    "shooting_pain",
]


# ------------------------------------------------------------------------------------ data
def load_examples(nlu_dir: Path = NLU_DIR, names: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(text, intent, file name) for every example, read as plain YAML (no Rasa import)."""
    rows = []
    paths = [nlu_dir / n for n in names] if names else sorted(nlu_dir.glob("*.yml"))
    for path in paths:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in doc.get("nlu") or []:
            if "intent" not in block:
                continue
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    rows.append((line[2:].strip(), block["intent"], path.name))
    return rows


_TOKENIZER = None


def _tokenize(text: str) -> list[str]:
    """Rasa's WhitespaceTokenizer, so the replica sees the tokens Rasa sees."""
    global _TOKENIZER
    if _TOKENIZER is None:
        os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
        from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

        _TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    from rasa.shared.nlu.training_data.message import Message

    return [t.text for t in _TOKENIZER.tokenize(Message(data={"text": text}), "text")]


@cache
def normalise(text: str) -> str:
    """What CountVectorsFeaturizer turns a message into before counting n-grams."""
    tokens = [re.sub(r"\b[0-9]+\b", "__NUMBER__", t).lower() for t in _tokenize(text)]
    return " ".join(tokens)


@cache
def clinical_columns(text: str) -> tuple[int, ...]:
    """ClinicalFeaturizer's sentence features: the same functions the Rasa component calls."""
    from bot.nlu.clinical_features import feature_names, feature_row
    from bot.nlu.extractor import extract

    return tuple(feature_row(feature_names(text, extract(text))))


# ------------------------------------------------------------------------------------ model
@dataclass(frozen=True)
class ReplicaConfig:
    """What the replica copies from config.yml: the count-vector featurizers (analyzer, n-gram
    range), whether ClinicalFeaturizer is in the pipeline, and the logistic regression."""

    vectorizers: tuple[tuple[str, int, int], ...] = (("word", 1, 1), ("char_wb", 2, 4))
    clinical: bool = False
    C: float = 1.0
    max_iter: int = 200
    tol: float = 1e-4
    random_state: int = 42

    @classmethod
    def from_yaml(cls, path: Path) -> ReplicaConfig:
        pipeline = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("pipeline") or []
        vectorizers, clinical, classifier = [], False, None
        for item in pipeline:
            name = str(item.get("name", "")).rsplit(".", 1)[-1]
            if name == "CountVectorsFeaturizer":
                analyzer = item.get("analyzer", "word")
                vectorizers.append((analyzer, int(item.get("min_ngram", 1)), int(item.get("max_ngram", 1))))
            elif name == "ClinicalFeaturizer":
                clinical = True
            elif name in ("LogisticRegressionClassifier", "CharleyIntentClassifier"):
                classifier = item
            elif name.endswith("Featurizer") or (
                name.endswith("Classifier") and name != "FallbackClassifier"
            ):
                sys.exit(f"the replica does not know {name} ({path}); update scripts/nlu_cv.py")
        if classifier is None:
            sys.exit(f"the replica needs a logistic regression intent classifier in {path}")
        return cls(
            vectorizers=tuple(vectorizers),
            clinical=clinical,
            C=float(classifier.get("C", 1.0)),
            max_iter=int(classifier.get("max_iter", 100)),
            tol=float(classifier.get("tol", 1e-4)),
            random_state=int(classifier.get("random_state", 42)),
        )


# The replica of the project's config.yml, also when imported (the benchmark calls
# cross_validate directly); --config replaces it.
CONFIG = ReplicaConfig.from_yaml(ROOT / "config.yml")


class Replica:
    """config.yml's intent pipeline rebuilt with scikit-learn. Takes the raw texts."""

    def __init__(self, config: ReplicaConfig | None = None) -> None:
        self.config = config or CONFIG
        self.vectorizers = [
            CountVectorizer(
                analyzer=analyzer,
                ngram_range=(low, high),
                lowercase=True,
                token_pattern=r"(?u)\b\w+\b" if analyzer == "word" else None,
            )
            for analyzer, low, high in self.config.vectorizers
        ]
        self.clf = LogisticRegression(
            solver="lbfgs",
            C=self.config.C,
            max_iter=self.config.max_iter,
            tol=self.config.tol,
            random_state=self.config.random_state,
            class_weight="balanced",
        )

    def _clinical(self, texts: list[str]) -> csr_matrix:
        from bot.nlu.clinical_features import FEATURES

        rows = [clinical_columns(t) for t in texts]
        indptr = np.cumsum([0] + [len(r) for r in rows])
        indices = [c for r in rows for c in r]
        return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(texts), len(FEATURES)))

    def _features(self, texts: list[str], fit: bool) -> csr_matrix:
        norm = [normalise(t) for t in texts]
        blocks = [v.fit_transform(norm) if fit else v.transform(norm) for v in self.vectorizers]
        if self.config.clinical:
            blocks.append(self._clinical(texts))
        return hstack(blocks).tocsr()

    def fit(self, texts: list[str], labels: list[str]) -> Replica:
        self.clf.fit(self._features(texts, fit=True), labels)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return self.clf.predict_proba(self._features(texts, fit=False))

    def predict(self, texts: list[str]) -> tuple[list[str], np.ndarray]:
        proba = self.predict_proba(texts)
        return [self.clf.classes_[i] for i in proba.argmax(1)], proba.max(1)


def near_duplicate_pairs(norm: list[str], threshold: float) -> list[tuple[int, int, float]]:
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))
    X = vec.fit_transform(norm)
    sim = (X @ X.T).tocoo()
    return [(i, j, s) for i, j, s in zip(sim.row, sim.col, sim.data, strict=True) if i < j and s >= threshold]


# Words whose presence or absence does not make a different message ("bye" / "ok bye charley").
FILLER = {
    "ok",
    "okay",
    "please",
    "pls",
    "charley",
    "charlie",
    "then",
    "now",
    "just",
    "so",
    "really",
    "a",
    "an",
    "the",
    "oh",
    "well",
    "um",
    "umm",
    "erm",
    "hmm",
    "mate",
    "again",
    "too",
    "and",
}


def near_duplicate_key(norm: str) -> frozenset[str]:
    tokens = set(norm.split())
    return frozenset(tokens - FILLER) or frozenset(tokens)


def near_duplicate_groups(norm: list[str], labels: list[str], threshold: float = 0.9) -> list[int]:
    """Groups of near-duplicates with the same intent, for grouped cross-validation.

    Two examples are near-duplicates when they have the same words apart from filler and order
    ("not sure really" / "really not sure", "bye" / "ok bye charley"), or when their character
    n-grams are almost the same (cosine >= threshold: typos, "calf" / "calfs").
    """
    parent = list(range(len(norm)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        if labels[i] == labels[j]:
            parent[find(i)] = find(j)

    first: dict[tuple[str, frozenset[str]], int] = {}
    for i, text in enumerate(norm):
        key = (labels[i], near_duplicate_key(text))
        if key in first:
            union(i, first[key])
        else:
            first[key] = i
    for i, j, _ in near_duplicate_pairs(norm, threshold):
        union(i, j)
    return [find(i) for i in range(len(norm))]


# ------------------------------------------------------------------------------------ report
def report(
    y_true: list[str],
    y_pred: list[str],
    texts: list[str],
    title: str,
    n_confusions: int = 15,
    n_examples: int = 4,
) -> dict[str, dict[str, float]]:
    labels = sorted(set(y_true))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    acc = float(np.mean([a == b for a, b in zip(y_true, y_pred, strict=True)]))
    print(f"\n== {title}")
    print(f"{'intent':<18} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}")
    per = {}
    for lab, pi, ri, fi, si in sorted(zip(labels, p, r, f, s, strict=True), key=lambda row: row[3]):
        print(f"{lab:<18} {pi:6.3f} {ri:6.3f} {fi:6.3f} {si:5d}")
        per[lab] = {"precision": float(pi), "recall": float(ri), "f1-score": float(fi), "support": int(si)}
    macro = float(np.mean(f))
    weighted = float(np.average(f, weights=s))
    print(
        f"{'accuracy':<18} {acc:6.3f}   macro F1 {macro:.3f}   weighted F1 {weighted:.3f}   n={len(y_true)}"
    )
    per["_summary"] = {"accuracy": acc, "macro_f1": macro, "weighted_f1": weighted}

    errors = defaultdict(list)
    for t, a, b in zip(texts, y_true, y_pred, strict=True):
        if a != b:
            errors[(a, b)].append(t)
    if errors:
        print(f"-- top confusions (true -> predicted), {sum(map(len, errors.values()))} errors")
        for (a, b), items in sorted(errors.items(), key=lambda kv: -len(kv[1]))[:n_confusions]:
            shown = "; ".join(repr(x) for x in items[:n_examples])
            print(f"  {len(items):3d}  {a} -> {b}: {shown}")
    return per


def cross_validate(rows, grouped: bool, seed: int = 0, verbose: bool = True):
    texts = [normalise(t) for t, _, _ in rows]
    labels = [lab for _, lab, _ in rows]
    raw = [t for t, _, _ in rows]
    y = np.array(labels)
    pred = np.empty(len(rows), dtype=object)
    conf = np.zeros(len(rows))
    if grouped:
        groups = near_duplicate_groups(texts, labels)
        splits = StratifiedGroupKFold(5, shuffle=True, random_state=seed).split(texts, y, groups)
    else:
        splits = StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, y)
    for train, test in splits:
        model = Replica().fit([raw[i] for i in train], list(y[train]))
        p, c = model.predict([raw[i] for i in test])
        pred[test] = p
        conf[test] = c
    title = ("grouped (near-duplicates kept together) " if grouped else "") + f"5-fold CV, seed {seed}"
    if not verbose:
        acc = float(np.mean(pred == y))
        _, _, f, _ = precision_recall_fscore_support(list(y), list(pred), zero_division=0)
        return acc, float(np.mean(f))
    per = report(list(y), list(pred), raw, f"fast replica, {title}")
    # describe_spasm, inform and correct are handled alike (each starts or resumes triage_form and
    # the extractor reads the facts), so a mix-up among them changes nothing the person sees.
    merged_true = [ASSESSMENT.get(v, v) for v in y]
    merged_pred = [ASSESSMENT.get(v, v) for v in pred]
    _, _, f, _ = precision_recall_fscore_support(merged_true, merged_pred, zero_division=0)
    print(
        f"-- with describe_spasm/inform/correct counted as one (same handling): accuracy "
        f"{np.mean([a == b for a, b in zip(merged_true, merged_pred, strict=True)]):.3f}, "
        f"macro F1 {np.mean(f):.3f}"
    )
    low = [(raw[i], labels[i], pred[i], conf[i]) for i in range(len(rows)) if conf[i] < 0.3]
    print(
        f"-- {len(low)} held-out predictions below the 0.3 fallback threshold"
        + (": " + "; ".join(f"{t!r} ({a}->{b} {c:.2f})" for t, a, b, c in low[:12]) if low else "")
    )
    return per


# ------------------------------------------------------------------------------------ held out
def heldout_cases() -> list[tuple[str, str]]:
    """Texts from the end-to-end conversations, with the intent each should get."""
    doc = yaml.safe_load((ROOT / "tests" / "e2e" / "conversations.yml").read_text(encoding="utf-8"))
    unsure = {"i don't know", "i'm not sure", "not sure", "no idea", "dunno", "hard to say"}

    def answer_intent(answer: str) -> str:
        low = answer.lower().strip(" .!")
        if low in unsure:
            return "dont_know"
        if re.match(r"(yes|yeah|yep)\b", low):
            return "affirm"
        if re.match(r"(no|nope|none of these)\b", low):
            return "deny"
        return "inform"

    cases = []
    for conv in doc["conversations"]:
        cases.append((conv["say"], "describe_spasm"))
        for answer in (conv.get("answers") or {}).values():
            cases.append((str(answer), answer_intent(str(answer))))
        if conv.get("interrupt"):
            cases.append((conv["interrupt"]["say"], "heldout_interrupt"))
        for follow in conv.get("then") or []:
            cases.append((follow["say"], "heldout_then"))
    return list(dict.fromkeys(cases))


def test_file(rows, path: Path) -> None:
    """Train on all the data and score a separate labelled file (same YAML format)."""
    model = Replica().fit([t for t, _, _ in rows], [lab for _, lab, _ in rows])
    cases = load_examples(path.parent, [path.name])
    train = {normalise(t) for t, _, _ in rows}
    overlap = [t for t, _, _ in cases if normalise(t) in train]
    unseen = [c for c in cases if normalise(c[0]) not in train]
    pred, _ = model.predict([t for t, _, _ in unseen])
    report(
        [lab for _, lab, _ in unseen],
        list(pred),
        [t for t, _, _ in unseen],
        f"test file {path} ({len(unseen)} texts; {len(overlap)} more left out: also in the training data)",
        n_examples=6,
    )


def heldout(rows) -> None:
    model = Replica().fit([t for t, _, _ in rows], [lab for _, lab, _ in rows])
    train = {normalise(t) for t, _, _ in rows}
    cases = [c for c in heldout_cases() if normalise(c[0]) not in train]
    texts = [t for t, _ in cases]
    pred, conf = model.predict(texts)
    # Interrupts and follow-ups are late additions or corrections: any answer intent starts the
    # assessment again, so those count as right when they land on one of them.
    flow = {"describe_spasm", "inform", "correct", "affirm", "deny", "dont_know"}
    scored_true, scored_pred, scored_text = [], [], []
    loose = Counter()
    for (text, want), got, c in zip(cases, pred, conf, strict=True):
        if want.startswith("heldout_"):
            loose[(want, got in flow and c >= 0.3)] += 1
            if got not in flow or c < 0.3:
                print(f"  {want}: {text!r} -> {got} ({c:.2f})")
            continue
        scored_true.append(want)
        scored_pred.append(got if c >= 0.3 else "nlu_fallback")
        scored_text.append(text)
    report(
        scored_true, scored_pred, scored_text, "held-out e2e texts (first messages and answers)", n_examples=6
    )
    for kind in ("heldout_interrupt", "heldout_then"):
        ok, bad = loose[(kind, True)], loose[(kind, False)]
        print(f"{kind}: {ok}/{ok + bad} routed to an answer intent")


# ------------------------------------------------------------------------------------ checks
def checks(rows, nlu_dir: Path = NLU_DIR) -> int:
    hard = 0
    counts = Counter(lab for _, lab, _ in rows)
    print("== examples per intent")
    for lab, n in sorted(counts.items(), key=lambda kv: kv[1]):
        print(f"  {lab:<18} {n:4d}")
    print(f"  {'total':<18} {sum(counts.values()):4d}")

    norm = [normalise(t) for t, _, _ in rows]
    seen: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(norm):
        seen[key].append(i)
    dups = {k: v for k, v in seen.items() if len(v) > 1}
    print(f"== duplicates after normalisation: {len(dups)}")
    for idx in dups.values():
        labs = {rows[i][1] for i in idx}
        hard += 1
        kind = "CONFLICT" if len(labs) > 1 else "dup"
        print(f"  {kind}: " + ", ".join(f"{rows[i][0]!r} [{rows[i][1]} {rows[i][2]}]" for i in idx))

    # The same words in another order look the same to the word featurizer: a conflict too.
    by_bag: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(norm):
        by_bag[tuple(sorted(key.split()))].append(i)
    swapped = [
        idx
        for idx in by_bag.values()
        if len({rows[i][1] for i in idx}) > 1 and len({norm[i] for i in idx}) > 1
    ]
    print(f"== same words, different intents: {len(swapped)}")
    for idx in swapped:
        hard += 1
        print("  CONFLICT: " + ", ".join(f"{rows[i][0]!r} [{rows[i][1]}]" for i in idx))

    pairs = near_duplicate_pairs(norm, 0.85)
    cross = [(i, j, s) for i, j, s in pairs if rows[i][1] != rows[j][1] and norm[i] != norm[j]]
    same = [(i, j, s) for i, j, s in pairs if rows[i][1] == rows[j][1] and norm[i] != norm[j]]
    print(f"== near-duplicates (char cosine >= 0.85): {len(same)} within an intent, {len(cross)} across")
    for i, j, s in sorted(cross, key=lambda x: -x[2]):
        print(f"  across {s:.2f}: {rows[i][0]!r} [{rows[i][1]}] ~ {rows[j][0]!r} [{rows[j][1]}]")

    annotated = [t for t, _, _ in rows if re.search(r"\[[^\]]+\]\s*[({]", t)]
    print(f"== entity annotations: {len(annotated)}")
    hard += len(annotated)
    for text in annotated:
        print(f"  {text!r}")

    for path in sorted(nlu_dir.glob("*.yml")):
        if not re.search(r'^version: "3\.1"$', path.read_text(encoding="utf-8"), re.M):
            print(f'  {path.name}: missing version: "3.1"')
            hard += 1

    concepts = yaml.safe_load((ROOT / "bot" / "knowledge" / "concepts.yml").read_text(encoding="utf-8"))
    found = {}
    for section in concepts.values():
        if isinstance(section, dict):
            found.update({k: v for k, v in section.items() if isinstance(v, dict) and "label" in v})
    wanted = {
        **{t: lab for lab, ts in BUTTONS.items() for t in ts},
        **{found[c]["label"]: "inform" for c in CHECKLIST_ITEMS},
    }
    by_norm = {normalise(t): lab for t, lab, _ in rows}
    model = Replica().fit([t for t, _, _ in rows], [lab for _, lab, _ in rows])
    pred, conf = model.predict(list(wanted))
    print("== button texts and checklist labels")
    for (text, want), got, c in zip(wanted.items(), pred, conf, strict=True):
        labelled = by_norm.get(normalise(text))
        ok = labelled == want and got == want and c >= 0.3
        if not ok:
            hard += 1
        flag = "ok " if ok else "BAD"
        print(f"  {flag} {text!r}: labelled {labelled}, want {want}, model {got} ({c:.2f})")
    return hard


# ------------------------------------------------------------------------------------ rasa
def rasa_cv(nlu_dir: Path, out_dir: Path, config: Path) -> dict[str, dict[str, float]]:
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    cmd = [
        str(ROOT / ".venv" / "bin" / "python"),
        "-m",
        "rasa",
        "test",
        "nlu",
        "--nlu",
        str(nlu_dir),
        "--config",
        str(config),
        "--cross-validation",
        "--folds",
        "5",
        "--out",
        str(out_dir),
    ]
    print("$ " + " ".join(cmd), flush=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / "rasa-cv.log"
    with open(log, "w") as fh:
        status = subprocess.run(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT).returncode
    if status:
        print(log.read_text()[-3000:])
        sys.exit(status)
    rep = json.loads((out_dir / "intent_report.json").read_text())
    print(f"\n== Rasa's own 5-fold cross-validation (test folds; {out_dir})")
    print(f"{'intent':<18} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}")
    per = {k: v for k, v in rep.items() if isinstance(v, dict) and "f1-score" in v and "avg" not in k}
    for lab, v in sorted(per.items(), key=lambda kv: kv[1]["f1-score"]):
        print(f"{lab:<18} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1-score']:6.3f} {v['support']:5d}")
    print(
        f"{'accuracy':<18} {rep['accuracy']:6.3f}   macro F1 {rep['macro avg']['f1-score']:.3f}"
        f"   weighted F1 {rep['weighted avg']['f1-score']:.3f}"
    )
    errors_path = out_dir / "intent_errors.json"
    if errors_path.exists():
        errors = json.loads(errors_path.read_text())
        pairs = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
        print(f"-- top confusions ({len(errors)} errors)")
        for (a, b), n in pairs.most_common(15):
            texts = [e["text"] for e in errors if (e["intent"], e["intent_prediction"]["name"]) == (a, b)]
            print(f"  {n:3d}  {a} -> {b}: " + "; ".join(repr(t) for t in texts[:4]))
    return per


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rasa", action="store_true", help="also run Rasa's own cross-validation")
    ap.add_argument("--grouped", action="store_true", help="also run CV with near-duplicates grouped")
    ap.add_argument("--heldout", action="store_true", help="also score the e2e conversation texts")
    ap.add_argument("--test", type=Path, help="train on all the data, then score this labelled YAML file")
    ap.add_argument("--check", action="store_true", help="data checks; exit 1 on a hard problem")
    ap.add_argument("--seeds", type=int, default=1, help="repeat the fast CV over this many shuffles")
    ap.add_argument("--json", type=Path, help="write the fast replica's per-intent scores here")
    ap.add_argument("--data", type=Path, default=NLU_DIR, help="the NLU data folder (default data/nlu)")
    ap.add_argument(
        "--config", type=Path, default=ROOT / "config.yml", help="Rasa config (default config.yml)"
    )
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="Rasa's output folder (default results/nlu-cv)")
    args = ap.parse_args()
    global CONFIG
    CONFIG = ReplicaConfig.from_yaml(args.config)
    print(f"replica of {args.config}: {CONFIG}")

    rows = load_examples(args.data)
    per = cross_validate(rows, grouped=False)
    if args.json:
        args.json.write_text(json.dumps(per, indent=2))
    if args.seeds > 1:
        scores = [cross_validate(rows, grouped=False, seed=s, verbose=False) for s in range(args.seeds)]
        accs, f1s = zip(*scores, strict=True)
        print(
            f"\n== {args.seeds} shuffles: accuracy {np.mean(accs):.3f} +- {np.std(accs):.3f}, "
            f"macro F1 {np.mean(f1s):.3f} +- {np.std(f1s):.3f} (min {min(f1s):.3f})"
        )
    if args.grouped:
        cross_validate(rows, grouped=True)
    if args.heldout:
        heldout(rows)
    if args.test:
        test_file(rows, args.test)
    status = 0
    if args.check:
        problems = checks(rows, args.data)
        print(f"\n{problems} hard problem(s)")
        status = 1 if problems else 0
    if args.rasa:
        rasa_cv(args.data.resolve(), args.out.resolve(), args.config.resolve())
    return status


if __name__ == "__main__":
    sys.exit(main())
