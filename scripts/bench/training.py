"""Trains both bots from scratch and times it. Never touches models/charley.tar.gz.

* stock: the wall time of `rasa init --no-prompt --init-dir DIR` (copying the template is a few
  milliseconds; the rest is its `rasa train` with the default pipeline and policies).
* Charley: the wall time of `rasa train --force` into a temporary --out folder.

Both are one CLI process each, so both include Python's and Rasa's start-up, and both start with
an empty training cache (RASA_CACHE_DIRECTORY in the temporary folder).
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from harness.stack import PYTHON, ROOT, base_env


@dataclass(frozen=True)
class Trained:
    seconds: float
    model: Path
    project: Path


class TrainingFailed(RuntimeError):
    pass


def _run(cmd: list[str], cwd: Path, log: Path, cache: Path) -> float:
    env = {**base_env(), "RASA_CACHE_DIRECTORY": str(cache)}  # an empty cache: a cold training
    start = time.monotonic()
    with open(log, "wb") as out:
        status = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    seconds = time.monotonic() - start
    if status:
        tail = log.read_text(errors="replace")[-2000:]
        raise TrainingFailed(f"{' '.join(cmd[2:5])} exited with {status} (log {log}):\n{tail}")
    return seconds


def init_stock_bot(project: Path, log: Path) -> Trained:
    """`rasa init --no-prompt` into an empty folder; returns the wall time and the model it trained."""
    project.mkdir(parents=True, exist_ok=True)
    seconds = _run(
        [PYTHON, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)],
        project,
        log,
        project / ".rasa" / "cache",
    )
    models = sorted((project / "models").glob("*.tar.gz"))
    if len(models) != 1:
        raise TrainingFailed(f"expected one model in {project / 'models'}, found {models}")
    return Trained(seconds, models[0], project)


def train_charley(out: Path, log: Path) -> Trained:
    """A forced `rasa train` of Charley into `out` (never models/)."""
    out = out.resolve()
    if out == (ROOT / "models").resolve():
        raise ValueError("the benchmark must not overwrite models/")
    cmd = [
        PYTHON,
        "-m",
        "rasa",
        "train",
        "--force",
        "--fixed-model-name",
        "charley-bench",
        "--out",
        str(out),
        "--domain",
        str(ROOT / "domain.yml"),
        "--config",
        str(ROOT / "config.yml"),
        "--data",
        str(ROOT / "data"),
    ]
    seconds = _run(cmd, ROOT, log, out / "cache")
    model = out / "charley-bench.tar.gz"
    if not model.is_file():
        raise TrainingFailed(f"rasa train did not write {model}")
    return Trained(seconds, model, ROOT)
