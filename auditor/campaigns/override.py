"""A person resuming a campaign while Amazon's restriction still runs.

``auditor resume`` on a campaign that a verified, still-running messaging
restriction covers is refused unless the person passes ``--force`` (with the
``--reason`` every manual change needs): the sender would otherwise go on
sending during the restriction without anyone having decided it.

With ``--force`` the decision is recorded and respected, never forgotten:

- the resume event names the restriction's notice and its end
  (``campaign_events.notice`` / ``until``), its payload says
  ``"forced": true``, and the campaign's reason says who resumed it, during
  which restriction, and why;
- the next ``auditor run`` does **not** pause the campaign again for that
  same restriction (a person decided, and automation must not undo it
  silently); a *new* restriction notice pauses it as usual;
- every ``auditor run`` warns on stderr, while that restriction runs, that
  the campaign is sending under it by a person's decision, and still exits
  1 (an active restriction is on record).

A restriction that is only ``unverified`` (no trusted authentication
results) and not confirmed does not block a manual resume: the person is the
check. One confirmed with ``auditor notices confirm`` blocks like a verified one.
"""

from __future__ import annotations

from datetime import datetime

from auditor.campaigns.policy import REQUEST_A_REVIEW
from auditor.campaigns.state import PAUSED, Transitions
from auditor.store import campaigns as records
from auditor.store.campaigns import Session
from auditor.store.models import Campaign, StoredNotice


def blocking_restriction(
    session: Session, campaign: Campaign, now: datetime
) -> StoredNotice | None:
    """The verified restriction that covers ``campaign`` and still runs at
    ``now`` (the one ending last; one without an end first), or None.
    ``session`` is the one ``store.transaction()`` gives."""
    if campaign.kind == REQUEST_A_REVIEW:
        return None  # Amazon's own template still goes through
    running = [
        n
        # verified, or confirmed by a person (auditor notices confirm)
        for n in records.running_restrictions(session, campaign.account, now)
        if not n.marketplace or campaign.marketplace in (None, n.marketplace)
    ]
    if not running:
        return None
    return max(running, key=lambda n: (n.ends_at is None, n.ends_at or now))


def _label(notice: StoredNotice) -> str:
    return str(notice.data.get("message_id") or f"notice-{notice.id}")


def until_text(notice: StoredNotice) -> str:
    """ "until 2026-12-10 09:00 UTC", or why there is no end."""
    if notice.ends_at is not None:
        return f"until {notice.ends_at:%Y-%m-%d %H:%M} UTC"
    if notice.data.get("permanent"):
        return "with no end (permanent)"
    return "with no end date stated"


def refusal(campaign: Campaign, notice: StoredNotice) -> str:
    """The one-line message for a resume without --force."""
    kind = notice.kind.replace("_", " ")
    return (
        f"{campaign.name}: a verified {kind} runs {until_text(notice)} "
        f"(notice {_label(notice)}); resuming now means sending during it: "
        "pass --force with your --reason to do it anyway"
    )


def force_resume(
    t: Transitions, campaign: Campaign, notice: StoredNotice, *, reason: str, actor: str
) -> bool:
    """Resume ``campaign`` during ``notice``'s restriction, recording who
    overrode which restriction and why (see the module docstring)."""
    if campaign.state != PAUSED:
        return False
    cause = (
        f"resumed by {actor} with --force during a verified restriction running "
        f"{until_text(notice)}: {reason}"
    )
    return t.resume(
        campaign,
        reason=cause,
        actor=actor,
        notice=_label(notice),
        until=notice.ends_at,
        extra={
            "forced": True,
            "restriction_notice": _label(notice),
            "restriction_until": notice.ends_at.isoformat() if notice.ends_at else None,
        },
    )


def overrides(session: Session, now: datetime) -> list[str]:
    """One line per campaign that sends during a running restriction
    because a person forced it: for ``auditor run`` to say every time."""
    lines = []
    for campaign in records.campaigns_not_in(session, PAUSED):
        last = records.last_event(session, campaign.id)
        if (
            last is None
            or last.to_state == PAUSED
            or not last.actor.startswith("person:")
            or last.notice is None
        ):
            continue
        notice = blocking_restriction(session, campaign, now)
        if notice is None or _label(notice) != last.notice:
            continue
        lines.append(f"campaign {campaign.account}/{campaign.name} sends: {last.cause}")
    return lines
