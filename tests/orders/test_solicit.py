"""The pre-send question ``do_not_solicit(store, account, recipient, orders,
now)`` against real stores (SQLite, and PostgreSQL when installed), and the
store's buyer and order memory queries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from auditor.orders.model import EventKind, OrderEvent
from auditor.orders.solicit import do_not_solicit
from auditor.store import open_store
from tests.orders.mails import buyer
from tests.orders.test_memory import ORDER_A, ORDER_B, ORDER_C, ORDER_D, ORDER_E, _box, _mails

JANE, MAX = buyer("it", 1), buyer("it", 2)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """A store filled by ``auditor audit`` of the Italian mailbox."""
    from click.testing import CliRunner

    from auditor.cli import cli

    tmp = tmp_path_factory.mktemp("solicit")
    url = f"sqlite:///{tmp / 'store.db'}"
    result = CliRunner().invoke(cli, ["audit", str(_box(tmp, _mails("it"))), "--store", url])
    assert result.exit_code in (0, 1), result.output
    return open_store(url)


def test_the_buyer_who_asked_to_stop_is_refused(audited):
    why = do_not_solicit(audited, "local", JANE, [ORDER_E], NOW)
    assert why is not None and why.startswith("BSM703")
    assert "<stop-d@marketplace.example>" in why and "2026-11-02" in why
    # by address alone, and with another case of the address
    assert do_not_solicit(audited, "local", JANE.upper(), [], NOW) is not None


def test_before_the_complaint_nothing_forbids(audited):
    assert (
        do_not_solicit(audited, "local", JANE, [ORDER_D], datetime(2026, 11, 1, tzinfo=UTC)) is None
    )


def test_another_buyer_may_be_written_to(audited):
    assert do_not_solicit(audited, "local", MAX, [ORDER_B], NOW) is None
    assert do_not_solicit(audited, "other-account", JANE, [ORDER_E], NOW) is None


def test_a_refunded_order_only_when_asked(audited):
    assert do_not_solicit(audited, "local", MAX, [ORDER_C], NOW) is None
    why = do_not_solicit(audited, "local", MAX, [ORDER_C], NOW, closed_orders=True)
    assert why is not None and why.startswith("BSM704") and "refund-c@amazon.example" in why


def test_the_store_summarises_orders(audited):
    rows = {row.order_id: row for row in audited.order_rows("local")}
    assert rows[ORDER_A].ordered_at.date().isoformat() == "2026-09-15"
    assert rows[ORDER_A].shipped_at.date().isoformat() == "2026-09-20"
    assert rows[ORDER_C].refunded_at is not None and rows[ORDER_C].opted_out_at is None
    assert rows[ORDER_D].complained_at is not None and rows[ORDER_D].buyer == JANE


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 'store.db'}")
    return open_store(request.getfixturevalue("postgres")())


def _event(
    kind: EventKind, order: str, day: int, who: str = "", trust: str = "verified", label: str = ""
) -> OrderEvent:
    return OrderEvent(
        order,
        kind,
        datetime(2026, 11, day, 9, tzinfo=UTC),
        who,
        "amazon.it",
        label or f"<{kind.value}-{order}-{day}@t>",
        "subject",
        trust,
    )


def test_store_memory_queries(store):
    bounce = _event(EventKind.OPT_OUT, ORDER_A, 2)  # names the order only
    events = [
        _event(EventKind.ORDERED, ORDER_A, 1),
        bounce,
        _event(EventKind.REFUNDED, ORDER_C, 3, trust="suspicious"),
    ]
    assert store.record_order_events("acct", events) == 3
    assert store.record_order_events("acct", events) == 0  # the same mail again adds nothing
    # Nothing yet ties the bounced order to a buyer.
    assert do_not_solicit(store, "acct", JANE, [ORDER_B], NOW) is None
    assert do_not_solicit(store, "acct", JANE, [ORDER_A], NOW) is not None
    # A message the seller sent about the order names its buyer.
    store.link_buyer("acct", ORDER_A, JANE, "amazon.it")
    why = do_not_solicit(store, "acct", JANE, [ORDER_B], NOW)
    assert why is not None and bounce.label in why
    found = store.order_events("acct", [], [JANE])
    assert {e.kind for e in found} == {EventKind.ORDERED, EventKind.OPT_OUT}
    assert all(e.buyer == JANE for e in found)  # filled from the order
    [stop] = list(store.order_events_of_kinds("acct", [EventKind.OPT_OUT]))
    assert (stop.label, stop.buyer) == (bounce.label, JANE)
    assert store.has_order_events("acct", [EventKind.ORDERED])
    assert not store.has_order_events("acct", [EventKind.DELIVERED])
    # Possible phishing is kept as an event, never as a fact.
    assert do_not_solicit(store, "acct", MAX, [ORDER_C], NOW, closed_orders=True) is None
    rows = {row.order_id: row for row in store.order_rows("acct")}
    assert rows[ORDER_C].refunded_at is None
