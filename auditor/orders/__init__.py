"""Buyer and order memory: what Amazon's order mails, opt-out bounces and
buyer replies say about each order and buyer (:mod:`auditor.orders.extract`),
the facts the cross-message rules read (:mod:`auditor.orders.facts`), the
pre-send check (:mod:`auditor.orders.solicit`) and the per-order timeline
(:mod:`auditor.orders.timeline`)."""

from auditor.orders.model import EventKind, OrderEvent

__all__ = ["EventKind", "OrderEvent"]
