"""REST traffic: scripted conversations replayed by closed-loop users (asyncio + aiohttp).

A user sends a message, waits for the reply, then sends the next one (no think time). Each
script (the texts of one end-to-end conversation) gets a new sender id, so a bot starts a new
conversation for it. One user is the sequential run; N users are N concurrent conversations.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Sequence, get_args

import aiohttp

from bot.triage.knowledge import load_knowledge
from bot.triage.render import FailureKind
from scripts.bench.stats import summarize_latencies

# How Charley's replies start when it could not answer properly (its action server failed or
# timed out, or the tracker store is unreachable). Counted as degraded replies.
DEGRADED_PREFIXES = tuple(getattr(load_knowledge(), kind) for kind in get_args(FailureKind))


@dataclass
class LoadResult:
    bot: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)  # seconds, answered messages only
    errors: list[str] = field(default_factory=list)
    empty_replies: int = 0
    degraded_replies: int = 0
    wall_seconds: float = 0.0

    @property
    def sent(self) -> int:
        return len(self.latencies) + len(self.errors)

    @property
    def throughput(self) -> float | None:
        return len(self.latencies) / self.wall_seconds if self.wall_seconds else None

    def summary(self) -> dict[str, Any]:
        return {
            "bot": self.bot,
            "concurrency": self.concurrency,
            "messages": self.sent,
            "errors": len(self.errors),
            "error_examples": self.errors[:5],
            "empty_replies": self.empty_replies,
            "degraded_replies": self.degraded_replies,
            "wall_seconds": self.wall_seconds,
            "throughput_msg_s": self.throughput,
            **summarize_latencies(self.latencies),
        }


def user_messages(
    scripts: Sequence[Sequence[str]], user: int, count: int, stride: int
) -> list[tuple[int, str]]:
    """The first `count` (script number, text) pairs for a user who starts at script user*stride."""
    if not scripts or not any(scripts):
        raise ValueError("no scripts to send")
    start = (user * stride) % len(scripts)
    order = itertools.chain.from_iterable(
        ((i, text) for text in scripts[i % len(scripts)]) for i in itertools.count(start)
    )
    return list(itertools.islice(order, count))


async def _user(
    session: aiohttp.ClientSession,
    url: str,
    messages: list[tuple[int, str]],
    prefix: str,
    result: LoadResult,
) -> None:
    for script, text in messages:
        sender = f"{prefix}-{script}"
        start = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.json(content_type=None)
                if response.status != 200:
                    raise aiohttp.ClientResponseError(
                        response.request_info, (), status=response.status, message=str(body)[:200]
                    )
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            result.errors.append(f"{type(error).__name__}: {error}"[:300])
            continue
        result.latencies.append(time.perf_counter() - start)
        if not body:
            result.empty_replies += 1
        elif any(str(m.get("text") or "").startswith(DEGRADED_PREFIXES) for m in body):
            result.degraded_replies += 1


async def _run(
    bot: str, url: str, scripts: Sequence[Sequence[str]], users: int, per_user: int, timeout: float
) -> LoadResult:
    result = LoadResult(bot, users)
    stride = max(1, len(scripts) // users)
    tag = uuid.uuid4().hex[:8]
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)
    ) as session:
        start = time.perf_counter()
        await asyncio.gather(
            *(
                _user(session, url, user_messages(scripts, u, per_user, stride), f"bench-{tag}-u{u}", result)
                for u in range(users)
            )
        )
        result.wall_seconds = time.perf_counter() - start
    return result


def run_load(
    bot: str,
    url: str,
    scripts: Sequence[Sequence[str]],
    users: int,
    per_user: int,
    timeout: float = 60,
) -> LoadResult:
    """`users` concurrent conversations, each user sending `per_user` messages."""
    return asyncio.run(_run(bot, url, scripts, users, per_user, timeout))
