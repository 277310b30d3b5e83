"""Order and buyer facts in the audit's run index, for cross-message rules.

The audit fills table ``order_facts`` (:func:`add`) with the events of the
mail it reads and, before the cross-message pass, with the stored events of
the orders and buyers its sent messages name; BSM505, BSM703 and BSM704 read
it in ``finish`` (:func:`events`). Rules never ask the store: this table is
the interface. ``index`` is a :class:`rules.index.RunIndex` (anything with
``table``/``add``/``rows``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from auditor.message.ids import order_ids
from auditor.orders.model import EventKind, OrderEvent

_RELAY = re.compile(r"@marketplace\.amazon\.[a-z.]+\s*$", re.IGNORECASE)
TABLE = "order_facts"
_COLUMNS = (
    "order_id TEXT",
    "buyer TEXT",
    "kind TEXT",
    "stamp REAL",
    "date TEXT",
    "label TEXT",
    "subject TEXT",
    "authenticity TEXT",
    "marketplace TEXT",
)
#: The columns :func:`row_event` reads, for a SELECT.
SELECT = ", ".join(column.split()[0] for column in _COLUMNS)


def declare(index: Any) -> None:
    """Create the facts table (idempotent)."""
    index.table(TABLE, _COLUMNS, indexes=("order_id, kind", "buyer, kind"))


def add(index: Any, event: OrderEvent) -> None:
    """Remember ``event`` for this audit."""
    declare(index)
    index.add(
        TABLE,
        (
            event.order_id,
            event.buyer,
            event.kind.value,
            event.date.timestamp() if event.date else None,
            event.date.isoformat() if event.date else None,
            event.label,
            event.subject,
            event.authenticity,
            event.marketplace,
        ),
    )


def row_event(row: Sequence[Any]) -> OrderEvent:
    """The event of one facts row (all columns, in :data:`SELECT` order)."""
    order_id, buyer, kind, _stamp, date, label, subject, authenticity, marketplace = row
    return OrderEvent(
        order_id=order_id,
        kind=EventKind(kind),
        date=datetime.fromisoformat(date) if date else None,
        buyer=buyer,
        marketplace=marketplace,
        label=label,
        subject=subject,
        authenticity=authenticity,
    )


def events(
    index: Any,
    kinds: Iterable[EventKind],
    order_ids: Iterable[str] = (),
    buyers: Iterable[str] = (),
    before: datetime | None = None,
) -> list[OrderEvent]:
    """Trusted events of ``kinds`` about ``order_ids`` or ``buyers`` (dated
    before ``before`` when given), oldest first, each mail once."""
    declare(index)
    kinds = [k.value for k in kinds]
    marks = ", ".join("?" * len(kinds))
    limit = before.timestamp() if before else float("inf")
    found: dict[tuple[str, str, str], OrderEvent] = {}
    for column, values in (("order_id", order_ids), ("buyer", buyers)):
        for value in dict.fromkeys(v for v in values if v):
            for row in index.rows(
                f"SELECT {SELECT} FROM {TABLE} "  # noqa: S608
                f"WHERE {column} = ? AND kind IN ({marks}) AND stamp IS NOT NULL AND stamp < ? "
                "AND authenticity != 'suspicious' ORDER BY stamp",
                (value, *kinds, limit),
            ):
                event = row_event(row)
                found.setdefault((event.kind.value, event.order_id, event.label), event)
    return sorted(found.values(), key=lambda e: e.date or datetime.max.replace(tzinfo=UTC))


def in_play(index: Any, column: str) -> list[str]:
    """Distinct ``order_id`` or ``buyer`` values of the facts table."""
    declare(index)
    if column not in ("order_id", "buyer"):
        raise ValueError(column)
    return [v for (v,) in index.rows(f"SELECT DISTINCT {column} FROM {TABLE}") if v]  # noqa: S608


#: Set in the rules settings by the audit, which fills the table itself.
SUPPLIED = "order_facts_supplied"
_LEARNT = "order_facts_learnt"


def learn(index: Any, msg: Any, settings: dict[str, Any]) -> None:
    """Outside an audit (a rule's examples, ``auditor lint``) nobody fills
    the table: learn ``msg``'s facts here, once per mail, with the same
    detector and extractor the audit uses. Inside an audit (``settings``
    holds :data:`SUPPLIED`) this does nothing."""
    from auditor.message.model import Kind

    if settings.get(SUPPLIED) or msg.kind not in (Kind.NOTICE, Kind.REPLY):
        return
    index.table(_LEARNT, ("label TEXT",), indexes=("label",))
    if index.one(f"SELECT 1 FROM {_LEARNT} WHERE label = ?", (msg.label,)):  # noqa: S608
        return
    index.add(_LEARNT, (msg.label,))
    from auditor.notices import detect
    from auditor.orders.extract import order_events

    for event in order_events(msg, detect(msg)):
        add(index, event)


def keys(index: Any, kinds: Iterable[EventKind], column: str) -> set[str]:
    """Distinct ``order_id`` or ``buyer`` values of trusted facts of
    ``kinds``: the (few) orders and buyers a finish pass must look at."""
    declare(index)
    if column not in ("order_id", "buyer"):
        raise ValueError(column)
    kinds = [k.value for k in kinds]
    marks = ", ".join("?" * len(kinds))
    return {
        value
        for (value,) in index.rows(
            f"SELECT DISTINCT {column} FROM {TABLE} WHERE kind IN ({marks}) "  # noqa: S608
            f"AND authenticity != 'suspicious' AND stamp IS NOT NULL AND {column} != ''",
            kinds,
        )
    }


#: The seller's messages, one row each, shared by BSM505, BSM703 and BSM704:
#: whichever of them sees a message first writes it (one row, not three).
SENT = "orders_sent"
_SENT_COLUMNS = ("relays TEXT", "orders TEXT", "stamp REAL", "proactive INTEGER")
#: (index, message) last written, so the next rule does not write it again
_last_noted: tuple[int, str, str] | None = None


def claim_sent(index: Any, msg: Any) -> bool:
    """True the first time a rule asks about ``msg`` (a sent message), which
    then writes it with :func:`note_sent`; False for the next rules."""
    global _last_noted
    key = (id(index), msg.label, msg.content_hash)
    if key == _last_noted:
        return False
    _last_noted = key
    return msg.date is not None


def note_sent(
    index: Any, msg: Any, body: str, slim: Sequence[Any], columns: Sequence[str], proactive: bool
) -> None:
    """Write ``msg`` (a sent message) to :data:`SENT`: its buyers' relay
    addresses, orders, time, whether it is proactive, and ``slim`` (the
    columns ``columns`` a finding needs, :func:`rules.index.slim_row`)."""
    relays = sorted({a.lower() for a in (*msg.to, *msg.cc) if _RELAY.search(a)})
    orders = order_ids(msg.subject, body)
    if not relays and not orders:
        return
    index.table(SENT, (*_SENT_COLUMNS, *columns), indexes=("label",))
    index.add(
        SENT, (" ".join(relays), " ".join(orders), msg.date.timestamp(), int(proactive), *slim)
    )


def sent_rows(index: Any, columns: Sequence[str], where: str = "") -> Any:
    """The rows of :data:`SENT` (``where``: an SQL condition), in the order written."""
    index.table(SENT, (*_SENT_COLUMNS, *columns), indexes=("label",))
    return index.rows(f"SELECT * FROM {SENT} {where} ORDER BY rowid")  # noqa: S608
