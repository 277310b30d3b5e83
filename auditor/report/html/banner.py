"""View model of the account's standing, first on the audit page
(``templates/standing.html``): restrictions and until when, what to do now,
the projection, phishing and open items. Plain data; the template escapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from auditor.report.html.labels import RESTRICTION_KINDS
from auditor.report.html.text import clean, day, kind_label, plural, utc, when
from auditor.report.html.views import would_counts


def _days_left(until: datetime, now: datetime) -> str:
    left = utc(until) - now
    return plural(max(0, left.days + (1 if left.seconds else 0)), "day")


def banner(result: Any, now: datetime, timeline: Any, states: dict[str, int]) -> dict[str, Any]:
    """The account's standing (templates/standing.html): restrictions and
    until when, what to do now, the projection, phishing and open items."""
    from auditor.report.standing import plain, standing

    restrictions = result.active_restrictions(now)
    alerts: list[dict[str, Any]] = []
    for item in timeline.open_items if timeline is not None else ():
        if item.kind in ("deactivation", "appeal", "asin"):
            alerts.append({"kind": item.kind, "since": day(item.since), "subject": item.subject})
    phishing = [n for n in result.notices if getattr(n, "phishing", False)]
    if phishing:
        alerts.append({"kind": "phishing", "count": len(phishing)})
    data: dict[str, Any] = {
        "restricted": bool(restrictions),
        "alerts": alerts,
        "todo": [plain(step) for step in standing(result, now).todo],
    }
    if restrictions:
        ends = [n.ends_at for n in restrictions if n.ends_at is not None and not n.permanent]
        open_ended = [n for n in restrictions if n.ends_at is None or n.permanent]
        markets = sorted({n.marketplace or "an unnamed marketplace" for n in restrictions})
        if len(restrictions) == 1 and ends:
            headline = f"Proactive messaging is restricted until {day(ends[0])}"
        elif len(restrictions) == 1:
            headline = (
                "Proactive messaging is restricted permanently"
                if open_ended[0].permanent
                else "Proactive messaging is restricted, with no end date stated"
            )
        else:
            names = (
                ", ".join(markets[:-1]) + " and " + markets[-1] if len(markets) > 1 else markets[0]
            )
            headline = f"Proactive messaging is restricted on {clean(names, 300)}"
        if all(getattr(n, "needs_confirmation", False) for n in restrictions):
            headline += ", says a notice not yet verified or confirmed"
        paused = states.get("paused", 0)
        if paused:  # stored states only: a projection is never counted as paused
            headline += f" — {plural(paused, 'campaign')} paused"
        data.update(
            headline=headline,
            restrictions=[
                {
                    "where": n.marketplace or "marketplace not named",
                    "kind": kind_label(n.kind),
                    "received": when(n.received_at),
                    "permanent": bool(n.permanent),
                    "until": when(n.ends_at) if n.ends_at is not None else None,
                    "period_text": getattr(n, "period_text", None),
                    "left": _days_left(n.ends_at, now) if n.ends_at is not None else "",
                    "authenticity": str(getattr(n.authenticity, "value", n.authenticity)),
                }
                for n in restrictions
            ],
            open_ended=bool(open_ended),
            again=when(max(ends)) if ends else None,
            would_pause=would_counts(result).get("pause", 0),
        )
    else:
        ended = [
            n
            for n in result.notices
            if str(getattr(n.kind, "value", n.kind)) in RESTRICTION_KINDS
            and not getattr(n, "phishing", False)
        ]
        last = max(ended, key=lambda n: utc(n.ends_at) or now) if ended else None
        data.update(
            ended={"received": day(last.received_at), "ended": when(last.ends_at)}
            if last is not None
            else None,
            any_notice=bool(result.notices),
            today=day(now),
        )
    return data
