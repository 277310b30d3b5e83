"""``auditor campaigns`` (their state), ``auditor gate`` (may one send now?)
and ``auditor pause`` / ``auditor resume`` (a person's decision, recorded
with who and why)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from auditor import clock
from auditor.cli.context import State, pass_state, person
from auditor.cli.options import (
    CAMPAIGN_ACCOUNT_HELP,
    account_option,
    common_options,
    format_option,
    manual_options,
    store_option,
)
from auditor.cli.output import write_output
from auditor.cli.support import parse_when
from auditor.errors import RestrictionActive, UnknownCampaign


@click.command()
@account_option("Only this account's campaigns.")
@format_option(("table", "json"))
@click.option("--history", is_flag=True, help="Show every recorded state change too.")
@store_option()
@common_options
@pass_state
def campaigns(
    state: State, account: str | None, fmt: str, history: bool, store_url: str | None
) -> int:
    """Campaigns with their state (active / paused / flagged), reason, until when."""
    from auditor.store.queries import campaigns_with_history  # heavy: SQLAlchemy

    store = state.store(store_url)
    now = clock.now()
    rows = [
        _campaign_row(c, events, now, history)
        for c, events in campaigns_with_history(store, account, history)
    ]
    if fmt == "json":
        document = {"schema": "auditor.campaigns/1", "campaigns": rows}
        write_output(json.dumps(document, ensure_ascii=False, indent=2) + "\n", None)
    else:
        from auditor.report.table import campaigns_table  # heavy: rich

        write_output(campaigns_table(rows, color=sys.stdout.isatty()), None)
    return 0


def _campaign_row(c: Any, events: list[Any], now: datetime, history: bool) -> dict[str, Any]:
    """One campaign as `auditor campaigns` shows it (CONTRACT.md: auditor.campaigns/1)."""
    from auditor.campaigns.state import effective_state

    effective = effective_state(c, now)
    row: dict[str, Any] = {
        "account": c.account,
        "name": c.name,
        "kind": c.kind,
        "state": effective,
        "until": c.until.isoformat() if effective == "paused" and c.until else None,
        "manual_hold": bool(c.manual_hold and effective == "paused"),
        "reason": c.reason if effective != "flagged" else c.flag_reason,
        "flagged": c.flagged,
        "flag_reason": c.flag_reason,
        "notice": c.notice,
    }
    if history:
        row["history"] = [
            {
                "at": e.at.isoformat(),
                "from": e.from_state,
                "to": e.to_state,
                "cause": e.cause,
                "actor": e.actor,
                "notice": e.notice,
                "until": e.until.isoformat() if e.until else None,
            }
            for e in events
        ]
    return row


def find_campaign(session: Any, name: str, account: str | None) -> Any:
    """The one stored campaign called ``name``; UnknownCampaign (exit 2) when
    there is none, or several and ``account`` does not say which."""
    from auditor.store.queries import campaigns_named

    found = campaigns_named(session, name, account)
    if not found:
        raise UnknownCampaign(f"{name}: no such campaign (see 'auditor campaigns')")
    if len(found) > 1:
        accounts = ", ".join(sorted(c.account for c in found))
        raise UnknownCampaign(
            f"{name}: campaign exists in several accounts ({accounts}); pass --account"
        )
    return found[0]


@click.command()
@click.argument("campaign")
@account_option(CAMPAIGN_ACCOUNT_HELP)
@store_option()
@common_options
@pass_state
def gate(state: State, campaign: str, account: str | None, store_url: str | None) -> int:
    """May CAMPAIGN send now? Exit 0 yes, 1 no (paused), 2 unknown campaign."""
    from auditor.campaigns.state import effective_state  # heavy: SQLAlchemy

    store = state.store(store_url)
    now = clock.now()
    with store.transaction() as session:
        found = find_campaign(session, campaign, account)
        effective = effective_state(found, now)
        until = found.until
        reason = found.reason
    if effective == "paused":
        when = f" until {until:%Y-%m-%d %H:%M} UTC" if until else " until a person resumes it"
        if not state.quiet:
            click.echo(f"paused{when}: {reason}")
        return 1
    if not state.quiet:
        click.echo(effective)
    return 0


def _manual_change(
    state: State,
    store_url: str | None,
    campaign: str,
    account: str | None,
    change: Callable[[Any, Any], Any],
) -> int:
    """Apply a person's ``change(transitions, campaign)`` in one transaction,
    then deliver the actions it queued."""
    from auditor.campaigns.state import Transitions  # heavy: SQLAlchemy
    from auditor.cycle import action_names, deliver_actions

    store = state.store(store_url)
    now = clock.now()
    with store.transaction() as session:
        found = find_campaign(session, campaign, account)
        change(Transitions(session, action_names(state.config), now), found)
    deliver_actions(store, state.config, now)
    return 0


@click.command()
@manual_options
@click.option("--until", "until_text", help="Resume automatically at this time (ISO-8601).")
@common_options
@pass_state
def pause(
    state: State,
    campaign: str,
    reason: str,
    by: str | None,
    account: str | None,
    store_url: str | None,
    until_text: str | None,
) -> int:
    """Pause CAMPAIGN by hand (recorded with who and why)."""
    until = parse_when("--until", until_text, "ISO-8601, e.g. 2026-12-01T09:00")
    return _manual_change(
        state,
        store_url,
        campaign,
        account,
        lambda t, found: t.pause(
            found, reason=reason, actor=person(by), until=until, hold=until is None
        ),
    )


@click.command()
@manual_options
@click.option("--clear-flag", is_flag=True, help="Also clear the campaign's flag.")
@click.option(
    "--force",
    is_flag=True,
    help="Resume even though a verified Amazon restriction still runs (recorded; "
    "the next run keeps your decision and warns).",
)
@common_options
@pass_state
def resume(
    state: State,
    campaign: str,
    reason: str,
    by: str | None,
    account: str | None,
    store_url: str | None,
    clear_flag: bool,
    force: bool,
) -> int:
    """Resume CAMPAIGN by hand (recorded with who and why).

    Exit 1, changing nothing, when a verified restriction still runs and
    --force is not given."""
    from auditor.campaigns.override import blocking_restriction, force_resume, refusal

    def change(t: Any, found: Any) -> None:
        running = blocking_restriction(t.session, found, t.now) if found.state == "paused" else None
        if running is not None and not force:
            raise RestrictionActive(refusal(found, running))
        if running is not None:
            force_resume(t, found, running, reason=reason, actor=person(by))
        else:
            t.resume(found, reason=reason, actor=person(by))
        if clear_flag:
            t.unflag(found, reason=reason, actor=person(by))

    return _manual_change(state, store_url, campaign, account, change)
