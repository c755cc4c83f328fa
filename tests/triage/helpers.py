from bot.triage.case import Case, Status


def case(
    location=None, minutes=None, days=None, per_week=None, severity=None, present=(), absent=(), unknown=()
):
    findings = {c: Status.PRESENT for c in present}
    findings |= {c: Status.ABSENT for c in absent}
    findings |= {c: Status.UNKNOWN for c in unknown}
    return Case(
        location=location,
        episode_minutes=minutes,
        ongoing_days=days,
        per_week=per_week,
        severity=severity,
        findings=findings,
    )
