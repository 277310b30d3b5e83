"""The three HTML pages: view models (:mod:`.views`, :mod:`.banner`,
:mod:`.timeline_views`) rendered through the templates (:mod:`.env`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from auditor.report.html import banner, timeline_views, views
from auditor.report.html.env import environment, render_template
from auditor.report.html.svg import timeline_svg
from auditor.report.html.text import day, utc


def rule_section(info: dict[str, Any], level: int = 3, max_examples: int | None = None) -> Markup:
    """One rule's explanation, anchored at ``#rule-CODE``, from
    :func:`rules.docs.describe` output (at most ``max_examples`` bad and good
    examples each, all by default)."""
    module = environment().get_template("_rule.html").module
    return module.rule_section(info, level, max_examples)  # type: ignore[attr-defined]


def render_rules_html(infos: Sequence[dict[str, Any]] | None = None) -> str:
    """``auditor rules --format html``: the catalogue (or the rules in
    ``infos``, :func:`rules.docs.describe` dicts), a table then each rule."""
    from auditor import clock

    if infos is None:
        from rules.docs import catalogue

        infos = catalogue()
    title = (
        f"auditor rule {infos[0]['code']} {infos[0]['name']}"
        if len(infos) == 1
        else "auditor rules: Amazon buyer-seller messaging"
    )
    return render_template("rules.html", title=title, infos=infos, generated=clock.now())


def _timeline(result: Any, now: datetime) -> Any:
    try:
        from auditor.notices.timeline import build_timeline

        return build_timeline(result.notices, now)
    except Exception:  # the notices layer is optional for a lint report
        return None


def render(result: Any, now: datetime | None = None, **_options: Any) -> str:
    """The audit as one self-contained HTML page (see :mod:`auditor.report.html`).

    ``result`` is an :class:`auditor.audit.AuditResult` (or a lint result of
    the same shape); ``now`` (default :func:`auditor.clock.now`, which honours
    ``AUDITOR_NOW``) decides which restrictions are still running.
    """
    from auditor import clock

    now = utc(now) or clock.now().astimezone(UTC)
    timeline = _timeline(result, now)
    docs = views.rule_docs(f.rule for f in result.findings)
    states: dict[str, int] = {}
    for campaign in result.campaigns.values():
        states[campaign.state] = states.get(campaign.state, 0) + 1
    standing = banner.banner(result, now, timeline, states)
    entries = timeline.entries if timeline is not None else []
    return render_template(
        "audit.html",
        title=f"Buyer-messaging audit — {day(now)}",
        generated=now,
        sent=result.sent_messages,
        notice_count=len(result.notices),
        # the output of an autoescaped template: markup whose values are escaped
        banner=Markup(render_template("standing.html", **standing)),  # noqa: S704
        cards=views.cards(result, states),
        by_rule=views.by_rule(result, docs),
        campaigns=views.campaigns(result, docs),
        notices=views.notice_rows(entries) if entries else None,
        phishing=len(timeline.phishing) if entries else 0,
        errors=views.unreadable(result.errors),
        docs=list(docs.values()),
    )


def render_timeline_html(timeline: Any) -> str:
    """``auditor timeline --format html``: the account-health timeline as one
    printable page for an appeal (``timeline`` is a
    :class:`auditor.notices.timeline.Timeline`)."""
    now = utc(timeline.now) or datetime.now(UTC)
    open_items = timeline_views.open_items(timeline)
    return render_template(
        "timeline.html",
        title=f"Account-health timeline — as of {day(now)}",
        generated=now,
        summary=timeline_views.summary(timeline),
        svg=timeline_svg(timeline),
        legend=timeline_views.legend(timeline),
        open_items=open_items,
        open_count=len(timeline.open_items),
        notices=views.notice_rows(timeline.entries),
        chains=timeline_views.chains(timeline),
        phishing=timeline_views.phishing(timeline),
    )
