"""What notices and findings do to campaigns (policy/guidelines.md, "What a
restriction does"), applied inside one store transaction.

- A verified or unverified messaging restriction pauses every free-form
  campaign of that account and marketplace; ``amazon_request_a_review``
  campaigns stay active (Amazon's own template still goes through).
- A stated period resumes them at ``ends_at``. No period and the first
  restriction on record: paused until a person resumes, with the usual 30
  days shown as an assumption, and an alert. A second restriction, a
  permanent one, or "limited to Amazon's templates": paused until a person
  resumes.
- Campaigns whose findings match the violations a restriction names are
  flagged, and stay flagged after the lift until their newest message audits
  clean. Error-level findings and buyer complaints flag too.
- Only a notice that can be verified acts by itself: ``verified`` (DMARC or
  aligned DKIM pass from a receiving server the config trusts), or one a
  person confirmed with ``auditor notices confirm`` (recorded who and when;
  the next run applies it once, as if verified). An unverified restriction
  flags the campaigns it would pause ("unverified restriction notice —
  confirm with …"; they keep sending) and raises one ``notice.unconfirmed``
  alert; it never pauses, resumes, lifts or shortens anything, and it does
  not count as an earlier restriction for a later one.
- Suspicious notices never change state: they raise a phishing alert (and
  can still be confirmed by a person who checked Seller Central).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from auditor.campaigns.state import PAUSED, Transitions, effective_state
from auditor.notices.groups import ALERT_KINDS, RESTRICTIONS
from auditor.store import campaigns as records
from auditor.store.campaigns import Session
from auditor.store.models import Campaign, NoticeConfirmation, StoredNotice

__all__ = [
    "ALERT_KINDS",
    "REQUEST_A_REVIEW",
    "RESTRICTIONS",
    "UNCONFIRMED",
    "USUAL_FIRST_PERIOD",
    "apply_notices",
    "lift_expired",
    "project_pause",
    "project_unstored",
    "projection",
    "review_flags",
]

REQUEST_A_REVIEW = "amazon_request_a_review"
#: A first restriction with no stated period usually lifts after this (guidelines.md).
USUAL_FIRST_PERIOD = timedelta(days=30)
#: How a flag set by an unverified restriction starts (review_flags leaves it alone).
UNCONFIRMED = "unverified restriction notice"


def confirm_command(notice: StoredNotice) -> str:
    return f"auditor notices confirm {notice.id}"


def _unconfirmed_reason(notice: StoredNotice) -> str:
    return f"{UNCONFIRMED} — confirm with '{confirm_command(notice)}'"


def _alert_key(notice: StoredNotice, what: str) -> str:
    """The idempotency key of an alert about ``notice``: readable, and within
    the outbox's 200 characters even for a hostile, 998-character Message-ID."""
    key = f"{notice.account}/{what}/{_label(notice)}"
    if len(key) <= 200:
        return key
    digest = hashlib.blake2b(key.encode("utf-8", "replace"), digest_size=16).hexdigest()
    return f"{notice.account[:100]}/{what}/{digest}"


def _label(notice: StoredNotice) -> str:
    # bounded as the store's notice columns are: a Message-ID may be 8,000 characters
    return str(notice.data.get("message_id") or f"notice-{notice.id}")[:998]


def _terms(
    kind: str, permanent: bool, ends_at: datetime | None, received: datetime, earlier: int
) -> tuple[bool, str, datetime | None]:
    """(hold, reason, assumed end) of the pause a restriction imposes: a
    hold waits for a person; otherwise the pause ends at ``ends_at``."""
    if kind == "templates_only_restriction":
        return True, "proactive messages limited to Amazon's templates; resume by hand", None
    if permanent:
        return True, "permanent messaging restriction; resume by hand", None
    if earlier:
        return (
            True,
            f"repeat messaging restriction (#{earlier + 1} on record); resume by hand",
            None,
        )
    if ends_at is not None:
        return False, f"messaging restricted until {ends_at:%Y-%m-%d %H:%M} UTC", None
    assumption = received + USUAL_FIRST_PERIOD
    reason = (
        "messaging restricted, no period stated; a first restriction usually lifts after "
        f"30 days (assumed {assumption:%Y-%m-%d}): confirm in Seller Central, then resume"
    )
    return True, reason, assumption


def _restriction(
    t: Transitions, notice: StoredNotice, confirmation: NoticeConfirmation | None = None
) -> None:
    data: dict[str, Any] = notice.data
    label = _label(notice)
    received = notice.received_at or t.now
    earlier = records.earlier_restrictions(t.session, notice)
    ends_at = notice.ends_at
    hold, reason, assumption = _terms(
        notice.kind, bool(data.get("permanent")), ends_at, received, earlier
    )
    extra = {"notice_kind": notice.kind, "authenticity": notice.authenticity}
    if confirmation is not None:
        reason += f"; notice confirmed by {confirmation.by}"
        extra["confirmed_by"] = confirmation.by
        extra["confirmed_at"] = confirmation.at.isoformat()
    if assumption is not None:
        extra["assumed_until"] = assumption.isoformat()
        t.alert(
            "restriction.assumed_period",
            _alert_key(notice, "assumed"),
            reason,
            {"account": notice.account, "notice": label, "assumed_until": assumption.isoformat()},
        )
    for campaign in records.campaigns(t.session, notice.account, notice.marketplace):
        if campaign.kind == REQUEST_A_REVIEW:
            campaign.reason = (
                "kept active: Amazon's own Request a Review template is still delivered "
                "during a messaging restriction"
            )
            continue
        t.pause(
            campaign,
            reason=reason,
            actor="notice",
            until=None if hold else ends_at,
            hold=hold,
            notice=label,
            extra=extra,
        )
    violations = list(data.get("violations") or [])
    if violations:
        named = records.campaigns_with_errors(t.session, notice.account, violations)
        for name in sorted(named):
            campaign = t.campaign(notice.account, name)
            if campaign is not None:
                t.flag(
                    campaign,
                    reason=f"matches the violations the restriction names "
                    f"({', '.join(violations)})",
                    actor="notice",
                    notice=label,
                )


def _unverified_restriction(t: Transitions, notice: StoredNotice) -> None:
    """Flag the campaigns an unverified restriction would pause and alert a
    person once; nothing is paused."""
    label = _label(notice)
    reason = _unconfirmed_reason(notice)
    names = []
    for campaign in records.campaigns(t.session, notice.account, notice.marketplace):
        if campaign.kind == REQUEST_A_REVIEW:
            continue
        names.append(campaign.name)
        if not campaign.flagged or campaign.flag_reason == reason:
            t.flag(campaign, reason=reason, actor="notice", notice=label)
    why = "; ".join(list(notice.data.get("authenticity_reasons") or [])[:4])
    t.alert(
        "notice.unconfirmed",
        _alert_key(notice, "unconfirmed"),
        f"unverified Amazon {notice.kind.replace('_', ' ')} notice: nothing was paused. "
        f"If Seller Central shows it, run '{confirm_command(notice)}'"
        + (f" ({why})" if why else ""),
        {
            "account": notice.account,
            "notice": label,
            "notice_id": notice.id,
            "notice_kind": notice.kind,
            "authenticity": notice.authenticity,
            "authenticity_reasons": list(notice.data.get("authenticity_reasons") or [])[:10],
            "campaigns": names,
            "confirm": confirm_command(notice),
            "subject": str(notice.data.get("subject", ""))[:200],
        },
    )


def _apply(t: Transitions, notice: StoredNotice, confirmation: NoticeConfirmation | None) -> None:
    label = _label(notice)
    if confirmation is None and notice.authenticity == "suspicious":
        t.alert(
            "phishing.suspected",
            _alert_key(notice, "phishing"),
            f"possible phishing imitating an Amazon {notice.kind} notice: "
            f"{notice.data.get('subject', '')[:200]}",
            {"account": notice.account, "notice": label, "notice_kind": notice.kind},
        )
        return
    if notice.kind in RESTRICTIONS:
        if confirmation is None and notice.authenticity != "verified":
            _unverified_restriction(t, notice)
            return
        if confirmation is not None:
            reason = _unconfirmed_reason(notice)
            for campaign in records.campaigns(t.session, notice.account, notice.marketplace):
                if campaign.flagged and campaign.flag_reason == reason:
                    t.unflag(
                        campaign,
                        reason=f"notice {notice.id} confirmed by {confirmation.by}",
                        actor=f"person:{confirmation.by}",
                    )
        _restriction(t, notice, confirmation)
    elif notice.kind in ALERT_KINDS:
        t.alert(
            "notice.received",
            _alert_key(notice, "notice"),
            f"Amazon {notice.kind.replace('_', ' ')}: {notice.data.get('subject', '')[:200]}",
            {
                "account": notice.account,
                "notice": label,
                "notice_kind": notice.kind,
                "authenticity": notice.authenticity,
            },
        )


def apply_notices(t: Transitions, accounts: Iterable[str] | None = None) -> int:
    """Apply every stored notice not yet applied, oldest first, then every
    confirmation of a notice applied before it was confirmed. Each is
    applied once. Returns how many."""
    accounts = list(accounts) if accounts is not None else None
    count = 0
    for notice in records.unapplied_notices(t.session, accounts):
        notice.applied = True
        count += 1
        confirmation = records.confirmation(t.session, notice.id)
        if confirmation is not None:
            confirmation.applied = True
        _apply(t, notice, confirmation)
    t.session.flush()
    for confirmation in records.unapplied_confirmations(t.session, accounts):
        confirmation.applied = True
        notice = records.notice(t.session, confirmation.notice_id)
        if notice is None:
            continue
        count += 1
        if notice.authenticity == "verified":
            continue  # it acted when it was read
        _apply(t, notice, confirmation)
    return count


def lift_expired(t: Transitions) -> int:
    """Resume campaigns whose pause has a time that has passed. Returns how many."""
    lifted = 0
    for campaign in records.pauses_ended(t.session, t.now):
        until = campaign.until
        if t.resume(
            campaign, reason=f"restriction ended {until:%Y-%m-%d %H:%M} UTC", actor="schedule"
        ):
            lifted += 1
    return lifted


def review_flags(t: Transitions, account: str) -> None:
    """Flag a campaign whose newest message has error-level findings, or that
    buyers complained about since its flag was last cleared; unflag a flagged
    campaign that is not paused once its newest message audits clean and no
    new complaint came in."""
    for campaign in records.campaigns(t.session, account, None):
        newest = records.newest_message(t.session, account, campaign.name)
        errors = records.error_rules(t.session, newest) if newest is not None else []
        complained = records.complaints(
            t.session, account, campaign.name, "BSM702", campaign.flag_cleared_at
        )
        if not campaign.flagged and (errors or complained):
            parts = []
            if errors:
                parts.append(f"error-level findings on its newest message: {', '.join(errors)}")
            if complained:
                parts.append(f"{complained} buyer complaint(s) about its messages")
            t.flag(campaign, reason="; ".join(parts), actor="audit")
        elif (
            campaign.flagged
            and not (campaign.flag_reason or "").startswith(UNCONFIRMED)
            and newest is not None
            and not errors
            and not complained
            and effective_state(campaign, t.now) != PAUSED
        ):
            t.unflag(campaign, reason="newest message audits clean", actor="audit")


def _covers(notice_marketplace: str | None, campaign_marketplace: str | None) -> bool:
    """Does a restriction on ``notice_marketplace`` pause a campaign of
    ``campaign_marketplace``? (As ``records.campaigns`` decides.)"""
    return not notice_marketplace or campaign_marketplace in (None, notice_marketplace)


def project_pause(
    kind: str,
    marketplace: str | None,
    restrictions: list[tuple[str, bool, datetime | None, datetime, str | None, int]],
    now: datetime,
) -> tuple[str | None, datetime | None, str | None]:
    """("pause", until, reason) when applying ``restrictions`` would pause a
    campaign that is not paused now, else (None, None, None).

    Each restriction is (kind, permanent, ends_at, received_at, marketplace,
    earlier restrictions on record), applied oldest first as
    :func:`apply_notices` does: a hold (until a person resumes) is never
    weakened, a timed pause only extended; one whose end has passed changes
    nothing (the same run would lift it again).
    """
    if kind == REQUEST_A_REVIEW:
        return None, None, None
    hold = False
    until: datetime | None = None
    reason: str | None = None
    for r_kind, permanent, ends_at, received, r_market, earlier in sorted(
        restrictions, key=lambda r: r[3]
    ):
        if not _covers(r_market, marketplace):
            continue
        r_hold, r_reason, _assumed = _terms(r_kind, permanent, ends_at, received, earlier)
        if r_hold:
            if not hold:
                hold, until, reason = True, None, r_reason
        elif not hold and ends_at is not None and ends_at > now:
            if until is None or ends_at > until:
                until, reason = ends_at, r_reason
    if hold or until is not None:
        return "pause", until, reason
    return None, None, None


def projection(
    session: Session, campaign: Campaign, now: datetime
) -> tuple[str | None, datetime | None, str | None]:
    """What the next ``auditor run`` would change for a stored campaign:
    ("resume", None, why) for a pause whose end has passed (the run records
    the lift), ("pause", until, why) for a restriction in the store not yet
    applied, else (None, None, None). The stored state is not touched."""
    state = effective_state(campaign, now)
    if campaign.state == PAUSED and state != PAUSED:
        ended = f"{campaign.until:%Y-%m-%d %H:%M} UTC" if campaign.until else "already"
        return "resume", None, f"its pause ended {ended}; the next run records the lift"
    if state == PAUSED or campaign.kind == REQUEST_A_REVIEW:
        return None, None, None
    # an unverified restriction waits for a person (auditor notices confirm)
    pending = records.pending_restrictions(session, campaign.account)
    restrictions = [
        (
            n.kind,
            bool(n.data.get("permanent")),
            n.ends_at,
            n.received_at or now,
            n.marketplace,
            records.earlier_restrictions(session, n),
        )
        for n in pending
    ]
    return project_pause(campaign.kind, campaign.marketplace, restrictions, now)


def project_unstored(
    kind: str, marketplace: str | None, notices: list[Any], now: datetime
) -> tuple[str | None, datetime | None, str | None]:
    """:func:`projection` for an audit that read no store: every restriction
    read counts as not yet applied, except those that need a person's
    confirmation first (unverified or suspicious, not confirmed)."""
    found = sorted(
        (
            n
            for n in notices
            if str(getattr(n.kind, "value", n.kind)) in RESTRICTIONS
            and not getattr(n, "needs_confirmation", False)
        ),
        key=lambda n: n.received_at or now,
    )
    restrictions = [
        (
            str(getattr(n.kind, "value", n.kind)),
            bool(n.permanent),
            n.ends_at,
            n.received_at or now,
            n.marketplace,
            # as records.earlier_restrictions counts: received strictly before
            sum(1 for o in found if (o.received_at or now) < (n.received_at or now)),
        )
        for n in found
    ]
    return project_pause(kind, marketplace, restrictions, now)
