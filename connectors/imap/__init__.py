"""IMAP: incremental, read-only sync of a seller's mailbox (SOURCE ``imap:NAME``).

``imap:NAME`` reads the account ``[accounts.NAME]`` of the configuration;
``imap:NAME/FOLDER`` reads only that folder. The folders read are the Sent
folder (found by its RFC 6154 ``\\Sent`` flag, whatever its localised name:
"[Gmail]/Sent Mail", "Sent Items", "Gesendete Objekte"…, or ``sent_folder``),
``INBOX``, the ``notice_folders`` and any other ``folders`` the account names.

Read-only, always: every folder is opened with EXAMINE (``select_folder(…,
readonly=True)``) and bodies are fetched with ``BODY.PEEK``, so no flag ever
changes. Messages up to ``whole_fetch_limit`` bytes are fetched whole; bigger
ones are fetched by section, leaving attachment bodies on the server (their
name, type and size come from the headers and BODYSTRUCTURE, see
:mod:`connectors.imap.mime`).

Incremental: per account and folder the store keeps UIDVALIDITY, the last
UID read and, where the server has CONDSTORE, HIGHESTMODSEQ. A run asks only
for UIDs above the last one, searching in UID windows (a mailbox-wide
``SEARCH ALL`` answer can pass imaplib's 1,000,000-byte line limit) and
fetching in batches of ``batch_size`` UIDs: one FETCH per batch of the first
``whole_fetch_limit`` bytes of each message (``BODY.PEEK[]<0.LIMIT>``), which
is the whole message unless it is bigger. Each message is yielded with the
checkpoint it reaches; the consumer (:class:`auditor.audit.Auditor`) saves
that checkpoint in the same transaction as the batch of messages it covers,
so a cut connection or a killed process resumes with nothing missed or
counted twice. When UIDVALIDITY changes the folder is read again from the
start; messages the application already holds (same Message-ID, or same content
hash for mail without one) are skipped, as are copies of one message in
several folders. Duplicates are rare in an incremental sync, so they are
recognised after the FETCH, from the header received; after a UIDVALIDITY
change most of the folder is known, so the Message-IDs are fetched first and
only the missing bodies follow.

Credentials come from an environment variable, a command, the keyring or
OAuth2 (:mod:`connectors.imap_auth`); TLS certificates are verified (add a
private CA with ``ca_file``); plaintext needs ``security = "plain"`` *and*
``allow_plaintext = true`` and is logged as a warning.

References: RFC 3501 (IMAP4rev1), RFC 2177 (IDLE), RFC 4551/7162 (CONDSTORE),
RFC 6154 (SPECIAL-USE), RFC 2595 (STARTTLS).

The package: :mod:`~connectors.imap.settings` (the account's table,
:class:`ImapSettings`), :mod:`~connectors.imap.session` (connect, TLS, login,
EXAMINE, reconnect: :class:`ImapSession`), :mod:`~connectors.imap.folders`
(which folders, in which role), :mod:`~connectors.imap.plan` (checkpoints and
UID search), :mod:`~connectors.imap.sync` and :mod:`~connectors.imap.fetch`
(batches, duplicates, fetch strategies), :mod:`~connectors.imap.mime`
(partial fetches), :mod:`~connectors.imap.idle` (IDLE and polling), put
together in :class:`ImapConnector`. It yields raw bytes: parsing is
:mod:`auditor.message`'s, and what the application already holds it learns
through :class:`~connectors.base.KnownMessages`, never from the store's tables.
"""

from connectors.imap.connector import ImapConnector
from connectors.imap.fetch import MAX_MESSAGE_BYTES, MAX_PARTIAL, PARTIAL_KEY
from connectors.imap.folders import SENT_FLAG, SENT_NAMES
from connectors.imap.plan import SEARCH_WINDOW, FolderPlan, SyncStats
from connectors.imap.session import TRANSPORT_ERRORS, ImapSession, LoginRefused, server_text
from connectors.imap.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_RECONNECT_ATTEMPTS,
    DEFAULT_TIMEOUT,
    DEFAULT_WHOLE_FETCH_LIMIT,
    MAX_BATCH_SIZE,
    ImapSettings,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_RECONNECT_ATTEMPTS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WHOLE_FETCH_LIMIT",
    "MAX_BATCH_SIZE",
    "MAX_MESSAGE_BYTES",
    "MAX_PARTIAL",
    "PARTIAL_KEY",
    "SEARCH_WINDOW",
    "SENT_FLAG",
    "SENT_NAMES",
    "TRANSPORT_ERRORS",
    "FolderPlan",
    "ImapConnector",
    "ImapSession",
    "ImapSettings",
    "LoginRefused",
    "SyncStats",
    "server_text",
]
