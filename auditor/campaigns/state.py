"""The campaign state machine, kept in the store.

``active`` → ``paused`` (reason, notice, until when) → ``active``; and
``flagged``: keeps sending but needs a human. A paused campaign may also be
flagged, and shows ``flagged`` once the pause ends. Every change writes a
:class:`CampaignEvent` (time, cause, actor) and, in the same transaction, one
outbox row per configured action, so an event is never lost between the state
change and its delivery (see :mod:`auditor.actions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from auditor.store import campaigns as records
from auditor.store.campaigns import ACTIVE, FLAGGED, PAUSED, Session
from auditor.store.models import Campaign, CampaignEvent

__all__ = ["ACTIVE", "FLAGGED", "PAUSED", "Transitions", "effective_state", "event_payload"]


def effective_state(campaign: Campaign, now: datetime) -> str:
    """The state a sender should obey at ``now``: a pause whose ``until``
    has passed no longer holds, even before the next run records the lift."""
    if campaign.state == PAUSED:
        if campaign.until is not None and not campaign.manual_hold and campaign.until <= now:
            return FLAGGED if campaign.flagged else ACTIVE
        return PAUSED
    return FLAGGED if campaign.flagged else ACTIVE


def event_payload(
    event: CampaignEvent, campaign: Campaign | None, event_type: str, extra: dict[str, Any]
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "schema": "auditor.event/1",
        "type": event_type,
        "account": campaign.account if campaign else extra.get("account"),
        "campaign": campaign.name if campaign else None,
        "from": event.from_state,
        "to": event.to_state,
        "until": event.until.isoformat() if event.until else None,
        "reason": event.cause,
        "actor": event.actor,
        "notice": event.notice,
        "at": event.at.isoformat(),
    }
    payload.update(extra)
    return payload


@dataclass
class Transitions:
    """State changes within one transaction, with their events and outbox rows.

    ``session`` is the one ``store.transaction()`` gives; ``actions`` are the
    names of the configured actions; each event gets one outbox row per
    action, keyed by an idempotency key derived from the event's own id, so a
    retried delivery carries the same key.
    """

    session: Session
    actions: list[str]
    now: datetime
    #: state changes recorded (pause, resume, flag, unflag), for the cycle's log line
    changes: int = 0

    def campaign(self, account: str, name: str, lock: bool = False) -> Campaign | None:
        """The stored campaign, or None; ``lock`` locks its row (PostgreSQL)."""
        return records.campaign(self.session, account, name, lock)

    def ensure(
        self, account: str, name: str, kind: str, marketplace: str | None, origin: str
    ) -> Campaign:
        campaign = self.campaign(account, name)
        if campaign is None:
            campaign = records.add_campaign(
                self.session,
                account=account,
                name=name,
                kind=kind,
                marketplace=marketplace,
                origin=origin,
                state=ACTIVE,
                updated_at=self.now,
            )
        elif origin == "config" and (campaign.kind != kind or campaign.origin != origin):
            campaign.kind, campaign.origin = kind, origin
        if marketplace and not campaign.marketplace:
            campaign.marketplace = marketplace
        return campaign

    def _record(
        self,
        campaign: Campaign | None,
        event_type: str,
        before: str,
        after: str,
        cause: str,
        actor: str,
        notice: str | None = None,
        until: datetime | None = None,
        extra: dict[str, Any] | None = None,
        key: str | None = None,
    ) -> CampaignEvent | None:
        event = None
        if campaign is not None:
            event = records.add_event(
                self.session,
                campaign_id=campaign.id,
                at=self.now,
                from_state=before,
                to_state=after,
                cause=cause,
                actor=actor,
                notice=notice,
                until=until,
            )
            self.changes += 1
            key = key or f"{campaign.account}/{campaign.name}/event-{event.id}"
            payload = event_payload(event, campaign, event_type, dict(extra or {}))
        else:
            payload = {
                "schema": "auditor.event/1",
                "type": event_type,
                "campaign": None,
                "reason": cause,
                "actor": actor,
                "notice": notice,
                "at": self.now.isoformat(),
                **(extra or {}),
            }
        assert key is not None
        payload["idempotency_key"] = key
        records.queue_event(self.session, key, self.actions, payload, self.now)
        return event

    def alert(self, event_type: str, key: str, cause: str, extra: dict[str, Any]) -> None:
        """An event with no state change (possible phishing, an assumption to confirm).
        ``key`` makes it idempotent: the same alert is queued once."""
        if not records.queued(self.session, key):
            self._record(None, event_type, "", "", cause, "notice", extra=extra, key=key)

    def pause(
        self,
        campaign: Campaign,
        *,
        reason: str,
        actor: str,
        until: datetime | None,
        hold: bool,
        notice: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> bool:
        """Pause ``campaign`` (or extend its pause). False when nothing changed."""
        before = effective_state(campaign, self.now)
        if campaign.state == PAUSED and campaign.manual_hold and not hold:
            return False  # a hold by a person or a harder sanction is not weakened
        if (
            campaign.state == PAUSED
            and campaign.until is not None
            and until is not None
            and campaign.until >= until
            and campaign.manual_hold == hold
        ):
            return False  # already paused at least that long
        campaign.state = PAUSED
        campaign.until = None if hold else until
        campaign.manual_hold = hold
        campaign.reason = reason
        campaign.notice = notice
        campaign.updated_at = self.now
        self._record(
            campaign,
            "campaign.paused",
            before,
            PAUSED,
            reason,
            actor,
            notice,
            campaign.until,
            extra,
        )
        return True

    def resume(
        self,
        campaign: Campaign,
        *,
        reason: str,
        actor: str,
        notice: str | None = None,
        until: datetime | None = None,
        extra: dict[str, Any] | None = None,
    ) -> bool:
        """Resume ``campaign``. ``notice``/``until`` name a restriction still
        running that a person overrode (see :mod:`auditor.campaigns.override`)."""
        if campaign.state != PAUSED:
            return False
        campaign.state = ACTIVE
        campaign.until = None
        campaign.manual_hold = False
        campaign.reason = reason
        campaign.updated_at = self.now
        after = FLAGGED if campaign.flagged else ACTIVE
        self._record(
            campaign, "campaign.resumed", PAUSED, after, reason, actor, notice, until, extra
        )
        return True

    def flag(
        self, campaign: Campaign, *, reason: str, actor: str, notice: str | None = None
    ) -> bool:
        if campaign.flagged and campaign.flag_reason == reason:
            return False
        before = effective_state(campaign, self.now)
        campaign.flagged = True
        campaign.flag_reason = reason
        campaign.updated_at = self.now
        self._record(
            campaign,
            "campaign.flagged",
            before,
            effective_state(campaign, self.now),
            reason,
            actor,
            notice,
        )
        return True

    def unflag(self, campaign: Campaign, *, reason: str, actor: str) -> bool:
        if not campaign.flagged:
            return False
        before = effective_state(campaign, self.now)
        campaign.flagged = False
        campaign.flag_reason = None
        campaign.flag_cleared_at = self.now
        campaign.updated_at = self.now
        self._record(
            campaign,
            "campaign.unflagged",
            before,
            effective_state(campaign, self.now),
            reason,
            actor,
        )
        return True
