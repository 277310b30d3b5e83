"""The audit's on-disk memory (rules.index) and the engine's per-template
result cache: what cross-message rules and repeated templates rely on to
keep the audit's memory flat and its time per template."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from auditor.message.classify import enrich
from auditor.message.model import Kind, Message
from rules.base import Example, Sample, registry
from rules.engine import Context, Engine
from rules.examples import example_messages
from rules.index import IndexMapping, RunIndex, slim_message, slim_row


def test_writes_share_one_open_transaction() -> None:
    """Every batch, query, index and clear runs inside the one transaction
    opened with the index (a commit per batch cost 4x the inserts)."""
    index = RunIndex()
    index.table("seen", ("label TEXT",), indexes=("label",))
    for number in range(4500):
        index.add("seen", (f"<m{number}>",))
    assert index.one("SELECT count(*) FROM seen") == (4500,)
    index.clear("seen")
    assert index.one("SELECT count(*) FROM seen") == (0,)
    assert index._db.in_transaction
    index.close()


def test_rows_written_in_batches_come_back_in_order() -> None:
    index = RunIndex()
    index.table("seen", ("order_id TEXT", "label TEXT"), indexes=("order_id",))
    for number in range(5001):  # past two write batches, and a part-batch
        index.add("seen", (f"order-{number % 7}", f"<m{number}>"))
    labels = [
        label
        for (label,) in index.rows(
            "SELECT label FROM seen WHERE order_id = ? ORDER BY rowid", ("order-3",)
        )
    ]
    assert labels == [f"<m{n}>" for n in range(3, 5001, 7)]
    assert index.one("SELECT count(*) FROM seen") == (5001,)
    index.clear("seen")
    assert index.one("SELECT count(*) FROM seen") == (0,)
    index.close()


def test_a_query_finds_the_indexes_of_its_tables_and_others_wait() -> None:
    """Indexes are built at the first read of their table: a query sees every
    index of the tables it names (a JOIN, both), a table nobody read yet is
    still a plain append, and flush() builds what is left."""

    def built(index: RunIndex) -> set[str]:
        return {
            name
            for (name,) in index._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }

    index = RunIndex()
    index.table("sent", ("order_id TEXT", "label TEXT"), indexes=("order_id", "label"))
    index.table("sent_ids", ("label TEXT",), indexes=("label",))
    index.table("facts", ("order_id TEXT", "kind TEXT"), indexes=("order_id, kind",))
    for number in range(3000):
        index.add("sent", (f"order-{number % 11}", f"<m{number}>"))
        index.add("sent_ids", (f"<m{number}>",))
        index.add("facts", (f"order-{number % 5}", "shipped"))
    rows = list(
        index.rows("SELECT label FROM sent WHERE order_id = ? ORDER BY rowid", ("order-4",))
    )
    assert rows == [(f"<m{n}>",) for n in range(4, 3000, 11)]
    assert built(index) == {"sent_0", "sent_1"}  # not sent_ids: a longer name
    assert index.one(
        "SELECT count(*) FROM sent_ids s JOIN facts f ON f.order_id = 'order-1' "
        "WHERE s.label = '<m7>'"
    ) == (600,)
    assert built(index) == {"sent_0", "sent_1", "sent_ids_0", "facts_0"}
    index.table("late", ("label TEXT",), indexes=("label",))
    index.flush()
    assert "late_0" in built(index)
    index.close()


def test_table_names_must_be_identifiers() -> None:
    index = RunIndex()
    with pytest.raises(ValueError, match="not a table name"):
        index.table("x; DROP TABLE y", ("a TEXT",))
    with pytest.raises(ValueError, match="not a column or table name"):
        IndexMapping(index, "t", "key", "value FROM t --")


def test_index_mapping_reads_like_a_dict() -> None:
    index = RunIndex()
    index.table("sent_order", ("order_id TEXT", "message_id TEXT"))
    index.add("sent_order", ("113-1", "<a>"))
    index.add("sent_order", ("113-1", "<b>"))
    index.add("sent_order", ("113-2", "<c>"))
    many = IndexMapping(index, "sent_order", "order_id", "message_id")
    last = IndexMapping(index, "sent_order", "order_id", "message_id", last=True)
    assert many["113-1"] == ["<a>", "<b>"]
    assert last["113-1"] == "<b>"
    assert "113-2" in many and "113-9" not in many
    assert many.get("113-9", ()) == ()
    with pytest.raises(KeyError):
        many["113-9"]
    assert sorted(many) == ["113-1", "113-2"] and len(many) == 2
    assert many
    index.table("empty", ("k TEXT", "v TEXT"))
    assert not IndexMapping(index, "empty", "k", "v")


def test_slim_message_keeps_what_a_finding_shows() -> None:
    msg = Message(
        source="box.mbox",
        key="7",
        message_id="<m7@shop>",
        subject="Your order",
        date=datetime(2026, 11, 3, 10, tzinfo=UTC),
        text="long body " * 100,
    )
    slim = slim_message(slim_row(msg), "113-1234567-1234567")
    assert (slim.label, slim.source, slim.key, slim.subject, slim.date) == (
        msg.label,
        "box.mbox",
        "7",
        "Your order",
        msg.date,
    )
    assert slim.text == "113-1234567-1234567"


def _review_request(number: int, order: str) -> Message:
    sample = Sample(
        f"Could you leave a review of order {order}?",
        date=(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=number)).isoformat(),
        message_id=f"<rr-{number}@shop.example>",
    )
    (msg,) = example_messages(Example((sample,)))
    return msg


def test_repeated_review_requests_found_across_thousands_of_messages() -> None:
    """BSM304 keeps its requests in the index: a repeat 2,100 messages
    later (past a write batch) is still found, and only repeats are."""
    engine = Engine([registry()["BSM304"]()], Context())
    for number in range(2100):
        engine.check(_review_request(number, f"113-{number:07d}-0000001"))
    engine.check(_review_request(2100, "113-0000003-0000001"))  # order of message 3 again
    engine.check(_review_request(2101, "113-0002099-0000001"))  # of the last one
    findings = engine.finish()
    assert sorted((f.message_id, f.related[0]) for f in findings) == [
        ("<rr-2100@shop.example>", "<rr-3@shop.example>"),
        ("<rr-2101@shop.example>", "<rr-2099@shop.example>"),
    ]
    assert engine.finish() == []  # finish empties the rule's tables


def _campaign_mail(name: str, order: str, body: str) -> Message:
    msg = Message(
        source="box.mbox",
        key=order,
        message_id=f"<{order}@shop.example>",
        subject=f"Your order {order}",
        from_addr="shop@shop.example",
        to=[f"{name.lower()}@marketplace.amazon.com"],
        date=datetime(2026, 11, 3, tzinfo=UTC),
        text=f"Hello {name},\n\n{body}\n\nBest regards, Shop",
    )
    msg.kind = Kind.SENT
    return enrich(msg)


def _counting_engine(code: str) -> tuple[Engine, list[str]]:
    """An engine with rule ``code`` alone, and the keys of the messages it
    actually ran on (not answered from the template cache)."""
    rule = registry()[code]()
    calls: list[str] = []
    check = rule.check

    def counted(msg, ctx):
        calls.append(msg.key)
        return check(msg, ctx)

    rule.check = counted
    return Engine([rule], Context()), calls


def test_a_template_breaking_a_rule_is_checked_once_and_located_in_each_message() -> None:
    engine, calls = _counting_engine("BSM302")
    body = "If you are happy, please leave us 5 stars!"
    first = _campaign_mail("Ann", "113-1111111-1111111", body)
    second = _campaign_mail("Bartholomew", "113-2222222-2222222", body)
    assert first.template == second.template
    found = [engine.check(msg, "reviews") for msg in (first, second)]
    assert calls == ["113-1111111-1111111"]  # the second came from the cache
    for msg, findings in zip((first, second), found, strict=True):
        (finding,) = findings
        start, end = finding.span
        assert msg.text[start:end] == finding.evidence  # located in its own text
        assert "5 stars" in finding.evidence
    # Different name lengths: the sentence sits at another offset in the second.
    assert found[0][0].span != found[1][0].span


def test_a_cached_sentence_missing_from_a_message_runs_the_rule_again() -> None:
    engine, calls = _counting_engine("BSM302")
    # The evidence sentence holds the order ID, which differs per message.
    body = "For order {order} please leave us 5 stars!"
    first = _campaign_mail("Ann", "113-1111111-1111111", body.format(order="113-1111111-1111111"))
    second = _campaign_mail("Ann", "113-2222222-2222222", body.format(order="113-2222222-2222222"))
    assert first.template == second.template
    (one,) = engine.check(first, "reviews")
    (two,) = engine.check(second, "reviews")
    assert calls == ["113-1111111-1111111", "113-2222222-2222222"]
    assert "113-2222222-2222222" in two.evidence and "113-1111111-1111111" in one.evidence
