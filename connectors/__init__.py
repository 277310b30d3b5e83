"""Where mail comes from. Each connector turns a SOURCE into raw messages.

Connectors are plugins: the ``auditor.connectors`` entry-point group maps a
name to a :class:`~connectors.base.Connector` subclass, and
:func:`connectors.registry.open_source` picks the one that accepts a SOURCE.
"""

from connectors.base import Connector, RawMail
from connectors.registry import available, open_source

__all__ = ["Connector", "RawMail", "available", "open_source"]
