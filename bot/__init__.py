"""Charley: a muscle-spasm triage assistant."""
