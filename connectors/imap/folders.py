"""Which folders of an account to read, and in what role.

The Sent folder is found by its RFC 6154 ``\\Sent`` flag whatever its
localised name ("[Gmail]/Sent Mail", "Sent Items", "Gesendete Objekte"…),
else by one of the usual names, else by the account's ``sent_folder``
(which wins when set); then ``INBOX``, the ``notice_folders`` and the other
``folders`` the account names.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from imapclient import IMAPClient

from auditor.errors import SourceError
from connectors.imap.settings import ImapSettings

log = logging.getLogger(__name__)

SENT_FLAG = b"\\Sent"
#: Names a Sent folder goes by, for servers that flag none with \Sent.
# fmt: off
SENT_NAMES = (
    "Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail", "INBOX.Sent", "INBOX/Sent", "Gesendet",
    "Gesendete Objekte", "Gesendete Elemente", "Éléments envoyés", "Envoyés",
    "Messages envoyés", "Posta inviata", "Elementi inviati", "Enviados",
    "Elementos enviados", "Itens enviados", "Verzonden items", "Verzonden",
    "Wysłane", "Elementy wysłane", "Skickat", "Skickade objekt", "Gönderilmiş Öğeler",
    "Отправленные", "送信済み", "送信済みアイテム", "已发送", "已发送邮件",
)
# fmt: on


class _Listing:
    """The server's LIST answer: each folder's flags, lower-cased (flags are
    case-insensitive, RFC 3501 §2.3.2: "\\NoSelect", "\\sent"…)."""

    def __init__(self, client: IMAPClient, account: str) -> None:
        self.account = account
        self.flags = {
            name: {bytes(f).lower() for f in flags} for flags, _delim, name in client.list_folders()
        }
        self.selectable = {
            n for n, flags in self.flags.items() if not flags & {b"\\noselect", b"\\nonexistent"}
        }
        self.by_lower = {n.lower(): n for n in self.selectable}

    def existing(self, name: str, named_in: str) -> str:
        """The server's name of folder ``name`` (case-insensitively); a
        :class:`SourceError` listing what there is when there is no such folder."""
        if name in self.selectable:
            return name
        if name.lower() in self.by_lower:
            return self.by_lower[name.lower()]
        if name.upper() == "INBOX":
            return "INBOX"
        shown = ", ".join(sorted(self.selectable)[:20])
        raise SourceError(
            f"imap:{self.account}: folder {name!r} ({named_in}) does not exist "
            f"(the server has: {shown})"
        )

    def sent(self, configured: str | None) -> str | None:
        """The Sent folder: ``configured``, else the one flagged \\Sent, else
        the first usual name the server has."""
        if configured:
            return self.existing(configured, f"accounts.{self.account}.sent_folder")
        flagged = next(
            (
                n
                for n, flags in self.flags.items()
                if SENT_FLAG.lower() in flags and n in self.selectable
            ),
            None,
        )
        if flagged is not None:
            return flagged
        named = next(
            (self.by_lower[c.lower()] for c in SENT_NAMES if c.lower() in self.by_lower), None
        )
        if named is not None:
            log.info(
                "imap:%s: no folder is flagged \\Sent; using %r by its name", self.account, named
            )
        return named


def discover(
    client: IMAPClient, settings: ImapSettings, spec: str, only_folder: str | None = None
) -> dict[str, str]:
    """folder name → role ("sent", "inbox", "notices", "other"), in the order
    to read them: Sent, INBOX, the notice folders, the other folders named in
    the account (each once); only ``only_folder`` when given (from SOURCE
    ``spec``). A folder named in the config that the server lacks is an error;
    a Sent folder that cannot be found is a warning."""
    account = settings.account
    listing = _Listing(client, account)
    roles: dict[str, str] = {}
    if only_folder:
        roles[listing.existing(only_folder, f"in SOURCE {spec}")] = "other"
        return roles
    sent = listing.sent(settings.sent_folder)
    if sent is None:
        log.warning(
            "imap:%s: no Sent folder found (no \\Sent flag, no usual name): sent "
            "buyer messages are not audited; set accounts.%s.sent_folder",
            account,
            account,
        )
    else:
        roles[sent] = "sent"
    roles.setdefault(listing.existing("INBOX", "the inbox"), "inbox")
    _add(roles, listing, settings.notice_folders, f"accounts.{account}.notice_folders", "notices")
    _add(roles, listing, settings.folders, f"accounts.{account}.folders", "other")
    return roles


def _add(
    roles: dict[str, str], listing: _Listing, names: Collection[str], named_in: str, role: str
) -> None:
    for name in names:
        roles.setdefault(listing.existing(name, named_in), role)
