"""The harness that runs Charley for real and measures it: starts the action and Rasa servers
(`stack`), talks to them as a person would (`conversation`, `blind_sets`, `socketio_client`),
scores triage (`triage_scores`) and sets up the stores (`databases`, `tracker_store`).

Shared by the tests, the benchmarks (scripts/bench) and the blind-set scorer, so it lives
outside tests/: nothing here is a test, and nothing outside tests/ imports from tests/.
"""
