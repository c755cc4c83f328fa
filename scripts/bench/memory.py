"""Peak resident memory of a process from /proc (no psutil)."""

from __future__ import annotations

from pathlib import Path


def parse_status_kb(status: str, field: str) -> int:
    """Bytes of a "Field:   1234 kB" line of /proc/<pid>/status."""
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if name == field:
            value, _, unit = rest.strip().partition(" ")
            if unit.strip() != "kB":
                raise ValueError(f"unexpected unit in {line!r}")
            return int(value) * 1024
    raise KeyError(field)


def children(pid: int) -> list[int]:
    """Direct children of pid, from every thread's children list."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def peak_rss(pid: int) -> dict[str, int]:
    """VmHWM (peak resident set) and VmRSS now, in bytes, of pid; children listed separately."""
    status = Path(f"/proc/{pid}/status").read_text()
    result = {
        "pid": pid,
        "peak_rss": parse_status_kb(status, "VmHWM"),
        "rss": parse_status_kb(status, "VmRSS"),
    }
    kids = children(pid)
    if kids:
        result["children_peak_rss"] = sum(
            parse_status_kb(Path(f"/proc/{c}/status").read_text(), "VmHWM") for c in kids
        )
    return result
