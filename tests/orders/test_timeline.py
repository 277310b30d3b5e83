"""``auditor timeline`` shows per order: order, shipment, the seller's
messages, opt-out / complaint, refund (issue #17)."""

from __future__ import annotations

import json

from tests.orders.test_memory import ORDER_A, ORDER_B, ORDER_C, ORDER_D, ORDER_E, _box, _mails


def test_timeline_rows_per_order(tmp_path, cli):
    box = _box(tmp_path, _mails("fr"))
    status, out, err = cli("timeline", box, "--format", "json", "--no-store")
    assert status == 0, err
    rows = {row["order_id"]: row for row in json.loads(out)["orders"]}
    assert set(rows) == {ORDER_A, ORDER_B, ORDER_C, ORDER_D, ORDER_E}
    a = rows[ORDER_A]
    assert a["ordered"]["date"].startswith("2026-09-15")  # stated on the mail
    assert a["shipped"]["date"].startswith("2026-09-20")
    assert [m["message_id"] for m in a["messages"]] == ["<ra@shop.example>"]
    assert rows[ORDER_C]["refunded"]["message_id"] == "<refund-c@amazon.example>"
    assert rows[ORDER_C]["messages_after_stop"] == ["<rc@shop.example>"]
    d = rows[ORDER_D]
    assert d["complaint"]["message_id"] == "<stop-d@marketplace.example>"
    assert d["messages_after_stop"] == []  # the request came before the complaint
    # The complaint names order D; order E is the same buyer's, written to after it.
    assert rows[ORDER_E]["buyer"] == d["buyer"]
    assert rows[ORDER_E]["messages_after_stop"] == []  # E has no stop of its own
    assert rows[ORDER_B]["refunded"] is None and rows[ORDER_B]["opt_out"] is None

    status, md, _ = cli("timeline", box, "--format", "md", "--no-store")
    assert "## Orders" in md and ORDER_C in md and "refund 2026-11-03" in md
    status, table, _ = cli("timeline", box, "--format", "table", "--no-store")
    assert "Orders" in table and "complaint" in table and "2026-11-02" in table
    status, csv_text, _ = cli("timeline", box, "--format", "csv", "--no-store")
    assert sum(1 for line in csv_text.splitlines() if line.startswith("order,")) == 5
