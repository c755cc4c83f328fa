"""Scores a blind set through REST against a fresh stack, as a conversation: levels plus person
turns to a result, repeated questions, greetings mid-way, replies not understood, side questions
left unanswered. `then` messages are sent mid-questions (run_blind(interject=True)).

Usage: .venv/bin/python tests/e2e/blind/score_conversations.py tests/e2e/blind/set_d.yml out.json
"""

import json
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from harness.blind_sets import run_blind, summarise
from harness.stack import ActionServer, RasaServer, ensure_model, sqlite_endpoints

GREETING = "Hi, I'm Charley"
FALLBACK = "didn't catch"


def main(path, out):
    specs = yaml.safe_load(Path(path).read_text())
    ensure_model()
    work = Path(tempfile.mkdtemp())
    actions = ActionServer(work).start()
    rasa = RasaServer(work, sqlite_endpoints(work, actions.url, work / "t.db")).start()
    runs = []
    try:
        for spec in specs:
            runs.append(run_blind(spec, rasa.say, interject=True))
    finally:
        rasa.stop()
        actions.stop()
    summary = summarise(runs)
    nonem = [r.turns for r in runs if r.got in ("self_care", "routine", "urgent", "redirect")]
    greet_mid = [r.id for r in runs if any(GREETING in b for _, b in r.transcript[1:])]
    fallbacks = {r.id: sum(FALLBACK in b for _, b in r.transcript) for r in runs}
    aside_bad = [
        r.id
        for r, s in zip(runs, specs, strict=True)
        if s.get("aside")
        and any(u == s["aside"] and (GREETING in b or FALLBACK in b) for u, b in r.transcript)
    ]
    summary["conversation"] = {
        "median_turns_non_emergency": statistics.median(nonem) if nonem else None,
        "turns": {r.id: r.turns for r in runs},
        "greeting_mid_way": greet_mid,
        "fallback_replies": {k: v for k, v in fallbacks.items() if v},
        "asides_not_answered": aside_bad,
    }
    Path(out).write_text(
        json.dumps({"summary": summary, "runs": [r.__dict__ for r in runs]}, indent=1, default=str)
    )
    s = summary
    print(
        json.dumps({k: s[k] for k in s if k not in ("families", "confusion")}, indent=1, default=str)[:4000]
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
