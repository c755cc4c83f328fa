"""Shared fixtures for the NLU tests."""

from __future__ import annotations

import pytest

from bot.nlu.extractor import Mention, extract


@pytest.fixture(scope="session")
def roles() -> RoleLookup:
    return RoleLookup()


class RoleLookup:
    """`roles(text)` -> {finding id: set of roles}; `locations(text)` likewise."""

    def __call__(self, text: str) -> dict[str, set[str]]:
        return _by_value(extract(text), "finding")

    def locations(self, text: str) -> dict[str, set[str]]:
        return _by_value(extract(text), "body_location")


def _by_value(mentions: list[Mention], entity: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.entity == entity:
            found.setdefault(str(mention.value), set()).add(str(mention.role))
    return found
