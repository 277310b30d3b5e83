"""Pre-send checks the gate runs after the rules (``auditor.gate_checks``).

``do_not_solicit_check`` refuses a proactive message to a buyer who opted out
of messages or asked the seller to stop writing, as the store's buyer and
order memory knows it (issue #17: ``auditor.orders.solicit``). Replies to a
buyer's own question are not proactive and pass. A refund or return of the
order is BSM704, a warning in the audit, so the gate lets it through.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditor import clock
from auditor.message.amazon import relay_marketplace
from auditor.message.ids import order_ids
from auditor.message.model import Message
from auditor.orders.solicit import do_not_solicit
from rules.purpose import is_proactive

if TYPE_CHECKING:
    from auditor.gate.decide import Decision, Gate

log = logging.getLogger(__name__)


def do_not_solicit_check(
    msg: Message, campaign: str, recipients: Sequence[str], gate: Gate
) -> Decision | None:
    """A ``550 5.7.1`` for a proactive message to a buyer who must not be
    written to; None when nothing stored forbids it (or there is no store)."""
    from auditor.gate.decide import REJECT, STORE_ERRORS, Decision, _store_down

    if gate.store is None or not is_proactive(msg):
        return None
    orders = order_ids(msg.subject, msg.body)
    now = clock.now()
    for recipient in recipients:
        if not relay_marketplace(recipient):
            continue
        try:
            why = do_not_solicit(gate.store, gate.account, recipient, orders, now)
        except STORE_ERRORS as exc:
            log.warning("gate: store unavailable for the do-not-solicit check: %s", exc)
            return None if gate.settings.fail_open else _store_down(campaign, msg)
        if why:
            return Decision(REJECT, 550, "5.7.1", f"auditor: {why}", reason="do-not-solicit")
    return None
