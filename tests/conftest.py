import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def charley(tmp_path_factory):
    """The real stack: action server + Rasa server with the trained model and a SQLite store."""
    from harness.stack import ActionServer, RasaServer, ensure_model, sqlite_endpoints

    ensure_model()
    workdir = tmp_path_factory.mktemp("charley")
    actions = ActionServer(workdir).start()
    rasa = RasaServer(workdir, sqlite_endpoints(workdir, actions.url, workdir / "tracker.db"))
    try:
        rasa.start()
        yield rasa
    finally:
        rasa.stop()
        actions.stop()
