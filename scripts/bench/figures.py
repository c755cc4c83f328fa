"""PNG figures for the report (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

from scripts.bench.stats import percentile  # noqa: E402

COLOURS = {"stock": "#7f7f7f", "charley": "#1f77b4"}
LEVEL_LABELS = {"emergency": "emergency", "urgent": "urgent", "routine": "routine", "self_care": "self-care"}

Latencies = Mapping[str, Sequence[float]]  # bot -> seconds


def _log_ms_axis(ax: plt.Axes) -> None:
    """Log scale with plain millisecond labels at 1, 2 and 5 of each decade."""
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("latency per message (ms, log scale)")


def _ecdf(ax: plt.Axes, latencies: Latencies, title: str) -> None:
    for bot, seconds in latencies.items():
        if not seconds:
            continue
        ms = np.sort(np.asarray(seconds) * 1000)
        ax.step(ms, np.arange(1, len(ms) + 1) / len(ms), where="post", color=COLOURS.get(bot), label=bot)
        for q, style in ((50, "--"), (95, ":")):
            ax.axvline(percentile(list(ms), q), color=COLOURS.get(bot), linestyle=style, linewidth=0.8)
    _log_ms_axis(ax)
    ax.set_ylabel("fraction of messages")
    ax.set_title(title)
    ax.grid(alpha=0.3, which="both")
    ax.legend(title="dashed p50, dotted p95", fontsize=8, title_fontsize=8)


def sequential_figure(latencies: Latencies, path: Path) -> Path:
    """Histogram and ECDF of the sequential per-message latency of both bots."""
    fig, (hist, ecdf) = plt.subplots(1, 2, figsize=(11, 4))
    values = [s * 1000 for seconds in latencies.values() for s in seconds]
    if values:
        bins = np.geomspace(max(min(values) * 0.9, 0.1), max(values) * 1.1, 40)
        for bot, seconds in latencies.items():
            hist.hist(np.asarray(seconds) * 1000, bins=bins, alpha=0.6, color=COLOURS.get(bot), label=bot)
    _log_ms_axis(hist)
    hist.set_ylabel("messages")
    hist.set_title("Sequential: one sender, histogram")
    hist.legend()
    _ecdf(ecdf, latencies, "Sequential: cumulative distribution")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def concurrent_figure(levels: Mapping[int, Latencies], path: Path) -> Path:
    """One ECDF panel per concurrency level, both bots in each."""
    fig, axes = plt.subplots(1, len(levels), figsize=(5.5 * len(levels), 4), squeeze=False)
    for ax, (users, latencies) in zip(axes[0], sorted(levels.items()), strict=True):
        _ecdf(ax, latencies, f"{users} concurrent conversations")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def confusion_figure(
    matrices: Mapping[str, Sequence[Sequence[int]]], levels: Sequence[str], path: Path
) -> Path:
    """Expected level (rows) against the level given (columns), one heatmap per conversation set."""
    fig, axes = plt.subplots(1, len(matrices), figsize=(5.2 * len(matrices), 4.4), squeeze=False)
    for ax, (title, matrix) in zip(axes[0], matrices.items(), strict=True):
        data = np.asarray(matrix)
        columns = [LEVEL_LABELS.get(lv, lv) for lv in levels]
        if data.shape[1] > len(levels):
            if data[:, len(levels) :].sum() == 0:
                data = data[:, : len(levels)]
            else:
                columns.append("no result")
        ax.imshow(data, cmap="Blues")
        for (row, col), count in np.ndenumerate(data):
            colour = "white" if count > data.max() / 2 else "black"
            ax.text(col, row, str(count), ha="center", va="center", color=colour)
        ax.set_xticks(range(len(columns)), columns, rotation=30)
        ax.set_yticks(range(len(levels)), [LEVEL_LABELS.get(lv, lv) for lv in levels])
        ax.set_xlabel("Charley's level")
        ax.set_ylabel("expected level")
        ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
