"""The ``email`` action: a plain-text alert sent over SMTP.

Settings::

    [[actions]]
    type = "email"
    name = "owner"
    to = ["owner@example.com"]
    from = "auditor@example.com"
    smtp_host = "smtp.example.com"
    smtp_port = 587                      # default: 465 for tls, 587 for starttls, 25 for plain
    smtp_security = "starttls"           # tls | starttls | plain
                                         # (default: tls on port 465, else starttls)
    smtp_username = "auditor@example.com"
    smtp_password_env = "AUDITOR_SMTP_PASSWORD"   # the password is never in the file
    timeout = 30                         # seconds per SMTP operation, default 30
    ca_file = "/etc/ssl/private-ca.pem"  # extra CA to trust (default: system store)
    allow_plaintext = false              # plain + a login needs this set to true

The subject says what happened (``[auditor] Campaign review-request paused
until 2026-12-09``); the body lists the event's facts and ends with its JSON.
The ``Message-ID`` is derived from the idempotency key, so a resent alert has
the same one and mail systems (and people's clients) can drop the duplicate;
``X-Auditor-Idempotency-Key`` carries the key itself and ``References`` names
one thread per account and campaign so clients group a campaign's alerts.
TLS certificates are verified (``ssl.create_default_context()``); ``plain``
is used only when configured, and a password is sent over it only with
``allow_plaintext = true``.
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from auditor import clock
from auditor.actions.base import ActionError, bounded, details, idempotency_key, requires, summary
from auditor.secrets import redact, register

DEFAULT_TIMEOUT = 30.0
DEFAULT_PORTS = {"tls": 465, "starttls": 587, "plain": 25}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _domain(address: str) -> str:
    _, addr = parseaddr(address)
    domain = addr.rpartition("@")[2]
    return domain if domain and domain.isascii() else "auditor.invalid"


def message_id(key: str, sender: str) -> str:
    """The Message-ID for the alert with idempotency ``key``: the same key
    always gives the same id."""
    return f"<auditor.{_digest(key)}@{_domain(sender)}>"


def build_message(event: dict[str, Any], settings: dict[str, Any]) -> EmailMessage:
    """The alert for ``event`` as an e-mail message (not yet sent)."""
    key = idempotency_key(event)
    sender = str(settings["from"])
    recipients = settings["to"]
    if isinstance(recipients, str):
        recipients = [recipients]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = f"[auditor] {bounded(summary(event), 200)}"
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = message_id(key, sender)
    if event.get("campaign"):
        thread = f"{event.get('account') or ''}/{event['campaign']}"
        message["References"] = f"<auditor.thread.{_digest(thread)}@{_domain(sender)}>"
    message["X-Auditor-Idempotency-Key"] = key
    message["X-Auditor-Event"] = str(event.get("type") or "")
    message["Auto-Submitted"] = "auto-generated"
    width = max((len(label) for label, _ in details(event)), default=0)
    lines = [summary(event) + ".", ""]
    lines += [f"{label + ':':<{width + 1}} {value}" for label, value in details(event)]
    lines += [
        "",
        f"Idempotency key: {key}",
        "",
        "-- ",
        "Sent by auditor. The event as JSON:",
        json.dumps(event, ensure_ascii=False, indent=2, sort_keys=True, default=str),
    ]
    text = "\n".join(lines) + "\n"
    # 7bit when it is; else quoted-printable, which every server relays intact
    plain = text.isascii() and max(len(line) for line in lines) < 990
    message.set_content(text, cte="7bit" if plain else "quoted-printable")
    return message


def _security(settings: dict[str, Any]) -> tuple[str, int]:
    security = settings.get("smtp_security")
    port = settings.get("smtp_port")
    if security is None:
        security = "tls" if port == 465 else "starttls"
    if security not in DEFAULT_PORTS:
        raise ActionError(f"smtp_security must be tls, starttls or plain, got {security!r}")
    return security, int(port or DEFAULT_PORTS[security])


def _password(settings: dict[str, Any], security: str) -> str | None:
    if not settings.get("smtp_username"):
        return None
    variable = settings.get("smtp_password_env")
    if not variable:
        raise ActionError("smtp_username is set but smtp_password_env is not")
    password = os.environ.get(variable)
    if not password:
        raise ActionError(f"environment variable {variable} (the SMTP password) is not set")
    register(password)
    if security == "plain" and not settings.get("allow_plaintext"):
        raise ActionError(
            "refusing to send the SMTP password over an unencrypted connection; use "
            "smtp_security = 'tls' or 'starttls', or set allow_plaintext = true"
        )
    return password


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return bounded(redact(f"{exc.smtp_code} {text}"), 300)


@requires("to", "from", "smtp_host")
def deliver(event: dict[str, Any], settings: dict[str, Any]) -> None:
    """Send the alert for ``event``; raise :class:`ActionError` unless the
    server accepted it for every recipient."""
    host = str(settings["smtp_host"])
    security, port = _security(settings)
    password = _password(settings, security)
    username = settings.get("smtp_username")
    timeout = float(settings.get("timeout", DEFAULT_TIMEOUT))
    context = ssl.create_default_context(cafile=settings.get("ca_file"))
    message = build_message(event, settings)
    recipients = settings["to"] if isinstance(settings["to"], list) else [settings["to"]]
    where = f"{host}:{port}"
    try:
        client: smtplib.SMTP
        if security == "tls":
            client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if security == "starttls":
                if not client.has_extn("starttls"):
                    raise ActionError(f"SMTP server {where} does not offer STARTTLS")
                client.starttls(context=context)
                client.ehlo()
            if username and password is not None:
                client.login(str(username), password)
            refused = client.send_message(
                message, from_addr=str(settings["from"]), to_addrs=recipients
            )
    except smtplib.SMTPAuthenticationError as exc:
        raise ActionError(f"SMTP login as {username} on {where} failed: {_reply(exc)}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused_all = ", ".join(
            f"{addr} ({code})" for addr, (code, _text) in exc.recipients.items()
        )
        raise ActionError(f"SMTP server {where} refused every recipient: {refused_all}") from None
    except smtplib.SMTPResponseException as exc:
        raise ActionError(f"SMTP server {where} answered {_reply(exc)}") from None
    except ssl.SSLCertVerificationError as exc:
        raise ActionError(
            f"TLS certificate of SMTP server {where} not trusted: {exc.verify_message}"
        ) from None
    except ssl.SSLError as exc:
        raise ActionError(f"TLS with SMTP server {where} failed: {exc.reason or exc}") from None
    except TimeoutError:
        raise ActionError(f"SMTP server {where} did not answer within {timeout:g} s") from None
    except smtplib.SMTPException as exc:
        raise ActionError(f"SMTP with {where} failed: {redact(str(exc))}") from None
    except OSError as exc:
        raise ActionError(f"cannot connect to SMTP server {where}: {exc.strerror or exc}") from None
    if refused:
        names = ", ".join(sorted(refused))
        raise ActionError(f"SMTP server {where} refused some recipients: {names}")
