"""The labelled sentences (also the benchmark's data) and the extractor's score on them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.evaluate import DEFAULT_PATH, load_examples, main, score

LABELLED = Path(__file__).with_name("labelled_mentions.yml")
CONCEPTS = yaml.safe_load((Path(__file__).resolve().parents[2] / "bot/knowledge/concepts.yml").read_text())
ROLES = {"present", "negated", "uncertain", "hypothetical", "family", "historical"}
NUMBER_ENTITIES = {"episode_duration", "ongoing_duration", "frequency", "severity", "age"}


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    return load_examples(LABELLED)


@pytest.fixture(scope="module")
def result() -> dict:
    return score(LABELLED)


def _roles(example: dict) -> set[str]:
    found: set[str] = set()
    for roles in (example.get("findings") or {}).values():
        found.update(roles if isinstance(roles, list) else [roles])
    return found


def test_default_path_is_this_file() -> None:
    assert Path(DEFAULT_PATH).resolve() == LABELLED.resolve()


def test_size_and_mix(examples: list[dict]) -> None:
    assert len(examples) >= 150
    assert sum("negated" in _roles(e) for e in examples) >= 60
    assert sum("typo" in (e.get("tags") or []) for e in examples) >= 20


def test_labels_use_known_ids_and_roles(examples: list[dict]) -> None:
    texts = [e["text"] for e in examples]
    assert len(texts) == len(set(texts)), "duplicate example"
    for example in examples:
        assert set(example) <= {"text", "findings", "locations", "numbers", "tags"}, example
        for ident, roles in (example.get("findings") or {}).items():
            assert ident in CONCEPTS["concepts"], ident
            assert set(roles if isinstance(roles, list) else [roles]) <= ROLES
        for ident, role in (example.get("locations") or {}).items():
            assert ident in CONCEPTS["locations"] and role in ("present", "negated"), example
        assert set(example.get("numbers") or {}) <= NUMBER_ENTITIES


def test_negated_mentions_are_right(result: dict) -> None:
    assert result["negated_mentions"] >= 60
    assert result["negation_accuracy"] >= 0.98, result["errors"]


def test_findings_f1(result: dict) -> None:
    assert result["finding_f1"] >= 0.9, result["errors"]


def test_locations_and_numbers(result: dict) -> None:
    assert result["location_f1"] >= 0.9, result["errors"]
    assert result["number_accuracy"] >= 0.9, result["errors"]


def test_score_reports_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yml"
    path.write_text(
        "examples:\n"
        "  - text: 'no numbness'\n    findings: {numbness: present}\n"
        "  - text: 'my calf'\n    locations: {thigh: present}\n    numbers: {age: 40}\n",
        encoding="utf-8",
    )
    result = score(path)
    assert result["examples"] == 2
    assert result["finding_precision"] == 0 and result["finding_recall"] == 0
    assert result["negation_accuracy"] == 0
    assert result["location_f1"] == 0 and result["number_accuracy"] == 0
    assert len(result["errors"]) == 2


def test_score_rejects_a_file_without_examples(tmp_path: Path) -> None:
    path = tmp_path / "empty.yml"
    path.write_text("nothing: here\n", encoding="utf-8")
    with pytest.raises(ValueError):
        score(path)


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(LABELLED)]) == 0
    assert '"finding_f1"' in capsys.readouterr().out
