"""The configuration file's sections as pydantic models: one per section.

Each model says what a key may hold (its type, its choices, its range) and
refuses keys it does not know. Values are checked strictly, as TOML gives
them: ``"993"`` is not a port, ``true`` is not a number. A key left out
takes the default written here where the code using it has one.

Messages for the user come from :func:`auditor.config.messages.validate`,
which turns pydantic's errors into one line naming the file and the key.
A range check raises :class:`~pydantic_core.PydanticCustomError` of type
:data:`RANGE` with the text the user reads (``expected 1-65535, got 0``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

#: error type of a value of the right type outside its range (the message is the user's)
RANGE = "config_range"
#: error type of a JSON null (``AUDITOR_ACCOUNTS``): a key is given a value or left out
NULL = "config_null"


def check(ok: Callable[[Any], bool], message: str) -> AfterValidator:
    """A range check: ``message`` (formatted with ``value``) when ``ok(value)`` is false."""

    def run(value: Any) -> Any:
        if not ok(value):
            raise PydanticCustomError(RANGE, message.format(value=value))
        return value

    return AfterValidator(run)


Port = Annotated[int, check(lambda v: 0 < v < 65536, "expected 1-65535, got {value}")]
Seconds = Annotated[float, check(lambda v: v > 0, "expected a positive number of seconds")]
Minutes = Annotated[float, check(lambda v: v > 0, "expected a positive number of minutes")]
Bytes = Annotated[int, check(lambda v: v > 0, "expected a positive size in bytes, got {value}")]
Text = Annotated[str, check(bool, "missing")]
Security = Literal["tls", "starttls", "plain"]
_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?")
ClockTime = Annotated[
    str, check(lambda v: _HH_MM.fullmatch(v) is not None, "expected HH:MM, got {value!r}")
]


class Section(BaseModel):
    """A table of the file: strict types, unknown keys refused, no nulls."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError(NULL, "null is not a value")
        return value


# -- [accounts.NAME], [account_defaults], accounts_dir files, $AUDITOR_ACCOUNTS -------------
MAX_BATCH_SIZE = 1000


class OAuth2(Section):
    provider: Literal["google", "microsoft", "other"] | None = None
    token_env: str | None = None
    token_command: str | None = None


class AccountTable(Section):
    """One account's keys, each optional: ``[account_defaults]`` fills the
    gaps of ``[accounts.NAME]`` (the account's own keys win). The defaults
    are the IMAP connector's."""

    type: Literal["imap"] = "imap"
    host: Text | None = None
    port: Port | None = None  # 993 with security = "tls", else 143
    security: Security = "tls"
    allow_plaintext: bool = False
    username: Text | None = None
    password_env: str | None = None
    password_command: str | None = None
    password_keyring: str | None = None
    oauth2: OAuth2 | None = None
    sent_folder: str | None = None
    notice_folders: list[str] = []
    folders: list[str] = []
    marketplaces: list[str] = []
    #: the account's own receiving servers, trusted for its notices besides
    #: [notices] trusted_authserv_ids
    trusted_authserv_ids: list[str] = []
    ca_file: str | None = None
    timeout: Seconds = 60.0
    batch_size: Annotated[
        int,
        check(lambda v: 1 <= v <= MAX_BATCH_SIZE, f"expected 1-{MAX_BATCH_SIZE}, got {{value}}"),
    ] = 200
    idle: bool = True
    whole_fetch_limit: Annotated[int, check(lambda v: v >= 0, "expected a size in bytes ≥ 0")] = (
        256 * 1024
    )
    reconnect_attempts: Annotated[int, check(lambda v: v >= 0, "expected 0 or more")] = 3
    # scheduling across workers (auditor.workers)
    sync_minutes: Minutes | None = None  # default: [schedule] sync_minutes
    worker_group: str | None = None
    weight: int = 1


class ImapAccount(AccountTable):
    """A whole account, after merging: a host and a username, and plaintext
    only when asked for twice (``security = "plain"`` and ``allow_plaintext``)."""

    host: Text
    username: Text

    @model_validator(mode="after")
    def _plaintext_needs_consent(self) -> ImapAccount:
        if self.security == "plain" and not self.allow_plaintext:
            raise PydanticCustomError(
                RANGE,
                '"plain" sends the password unencrypted; use "tls" or "starttls", '
                "or set allow_plaintext = true if you really mean it",
                {"key": "security"},
            )
        return self

    @property
    def imap_port(self) -> int:
        """The port to connect to: the one given, else the one for ``security``."""
        return self.port or (993 if self.security == "tls" else 143)


# -- the other sections ------------------------------------------------------------------------
class Store(Section):
    url: str | None = None


class Audit(Section):
    select: list[str] = []
    ignore: list[str] = []
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    max_message_bytes: Bytes | None = None


class Rules(Section):
    #: average orders a day (BSM701's cap); no cap without it
    daily_orders: (
        Annotated[float, check(lambda v: v >= 0, "expected 0 or more, got {value:g}")] | None
    ) = None
    allowed_link_domains: list[str] = []
    order_dates: dict[str, str] = {}
    buyer_locales: dict[str, str] = {}
    amazon_review_requests: list[str] = []
    #: per rule code, that rule's options (checked by the rule itself)
    options: dict[str, dict[str, Any]] = {}


class Header(Section):
    name: str | None = None
    value: str | None = None


class Campaign(Section):
    name: str
    kind: Literal["free_form", "amazon_request_a_review"] = "free_form"
    subject: str | None = None
    sender: str | None = None
    header: Header | None = None
    account: str | None = None
    marketplace: str | None = None
    allowed_links: list[str] = []


class Waiver(Section):
    campaign: str
    rules: list[str]
    reason: str


class Notices(Section):
    trusted_authserv_ids: list[str] = []
    dkim_verify: bool = False
    trusted_forwarders: list[str] = []


class Schedule(Section):
    sync_minutes: Minutes = 15
    lift_check_seconds: Seconds = 60
    nightly_at: ClockTime = "02:30"
    idle: bool = True
    lock_seconds: Seconds = 60
    workers: Annotated[int, check(lambda v: v >= 1, "expected 1 or more, got {value}")] = 4
    poll_seconds: Seconds = 1.0


class Action(Section):
    """One ``[[actions]]`` table. ``type`` is webhook | command | email or a
    plugin's (``auditor.actions`` entry points):
    :func:`auditor.actions.validate_actions` checks it against the registry,
    and each type's required keys."""

    type: str | None = None
    name: str | None = None
    url: str | None = None
    url_env: str | None = None
    format: Literal["json", "slack"] = "json"
    headers: dict[str, str] = {}
    headers_env: dict[str, str] = {}
    command: list[str] = []
    cwd: str | None = None
    to: list[str] = []
    from_: str | None = Field(None, alias="from")
    smtp_host: str | None = None
    smtp_port: Port | None = None
    smtp_security: Security | None = None
    smtp_username: str | None = None
    smtp_password_env: str | None = None
    allow_plaintext: bool = False
    ca_file: str | None = None
    events: list[str] = []
    timeout: Seconds | None = None
    #: a plugin's own settings
    options: dict[str, Any] = {}


class Gate(Section):
    """``[gate]``: the send gate, ``auditor milter`` and ``auditor relay``
    (:mod:`auditor.gate.settings`)."""

    account: str = "local"
    findings: Literal["reject", "hold", "header"] = "reject"
    paused: Literal["tempfail", "hold"] = "tempfail"
    fail_open: bool = False
    milter_listen: str = "127.0.0.1:8894"
    milter_socket_mode: str = "0660"
    milter_socket_group: str | None = None
    relay_listen: str = "127.0.0.1:8025"
    upstream_host: str | None = None
    upstream_port: Port | None = None
    upstream_security: Literal["starttls", "tls", "plain"] = "starttls"
    upstream_username: str | None = None
    upstream_password_env: str | None = None
    upstream_password_command: str | None = None
    allow_plaintext: bool = False
    ca_file: str | None = None
    timeout: Seconds = 30.0
    relay_username: str | None = None
    relay_password_env: str | None = None
    relay_password_command: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    max_message_bytes: Bytes = 25 * 1024 * 1024


class ConfigFile(Section):
    """The whole file."""

    store: Store | None = None
    audit: Audit | None = None
    rules: Rules | None = None
    campaigns: list[Campaign] = []
    waivers: list[Waiver] = []
    accounts: dict[str, AccountTable] = {}
    #: merged into every account (an account's own keys win)
    account_defaults: AccountTable | None = None
    #: a directory of small TOML files, one account each (the file name is its name)
    accounts_dir: str | None = None
    notices: Notices | None = None
    schedule: Schedule | None = None
    actions: list[Action] = []
    gate: Gate | None = None
