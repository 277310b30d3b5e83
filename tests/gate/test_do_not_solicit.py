"""The gate refuses a proactive message to a buyer the store's buyer memory
says must not be written to (issue #17 wired into issue #16's gate)."""

from __future__ import annotations

from click.testing import CliRunner

from auditor.cli import cli
from auditor.config import load_config
from auditor.gate.checks import do_not_solicit_check
from auditor.gate.decide import Gate, load_checks
from auditor.store import open_store
from tests.gate.conftest import mail, write_config
from tests.orders.mails import buyer
from tests.orders.test_memory import _box, _mails

JANE, MAX = buyer("it", 1), buyer("it", 2)  # Jane asked the seller to stop writing
NEW_ORDER = "171-9999999-0000001"  # an order the mailbox never named: the buyer decides
REVIEW = (
    "Buongiorno,\n\nsperiamo che l'ordine {order} sia arrivato bene. Se ha un momento, "
    "può lasciare una recensione su Amazon.\n\nAcme Casa"
)


def _gate(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(cli, ["audit", str(_box(tmp_path, _mails("it"))), "--store", url])
    assert result.exit_code in (0, 1), result.output
    store = open_store(url)
    return Gate(load_config(write_config(tmp_path, url)), store, checks=[do_not_solicit_check])


def test_registered_as_a_pre_send_check():
    assert do_not_solicit_check in load_checks()


def test_proactive_message_to_an_opted_out_buyer_is_refused(tmp_path):
    gate = _gate(tmp_path)
    message = mail(REVIEW.format(order=NEW_ORDER), f"Il suo ordine {NEW_ORDER}", to=JANE)
    got = gate.decide(bytes(message), [JANE])
    assert got.kind == "reject" and got.code == 550 and got.reason == "do-not-solicit"
    assert got.reply.startswith("550 5.7.1 auditor: BSM703")
    other = mail(REVIEW.format(order=NEW_ORDER), f"Il suo ordine {NEW_ORDER}", to=MAX)
    assert gate.decide(bytes(other), [MAX]).kind == "accept"
