"""The small exception family everything in auditor raises.

Each class maps to one exit status of the command line (see CONTRACT.md):
everything here is a "usage, config, source or connection error" and exits 2.
Messages are one line, name the thing at fault, and never contain a secret.
"""

from __future__ import annotations


class AuditorError(Exception):
    """Base class: a problem the user can fix; printed as one line, exit 2."""

    exit_status = 2


class ConfigError(AuditorError):
    """The configuration file is missing, unreadable, or has a bad key or value.

    The message names the file and the key, e.g. ``auditor.toml: accounts.shop.port:
    expected an integer, got "abc"``.
    """


class SourceError(AuditorError):
    """A mail source cannot be opened: a missing path, an unreadable file,
    an unknown ``imap:NAME`` account, or a format no connector understands."""


class ConnectionFailed(SourceError):
    """A remote mail server could not be reached or refused us (DNS, TCP,
    TLS certificate, login). The message says which, and never the password."""


class StoreError(AuditorError):
    """The database cannot be opened or migrated (bad URL, permissions)."""


class LockBusy(AuditorError):
    """Another ``auditor run`` holds the run lock for this store."""


class UnknownCampaign(AuditorError):
    """A command named a campaign the store does not know."""


class MessageError(Exception):
    """One message could not be parsed. Not fatal: it is reported in the
    ``errors`` list of the output and the audit goes on with the others."""


class UsageError(AuditorError):
    """An option's value is wrong: a date that is not a date, a rule code that
    names no rule, an output path whose directory does not exist. The message
    names the option and the value, e.g. ``--since: '2026-13-45' is not a date``."""


class RestrictionActive(AuditorError):
    """A person asked to resume a campaign while a verified Amazon restriction
    still runs. Refused (exit 1) unless they pass ``--force`` with a reason."""

    exit_status = 1
