"""The ``webhook`` action: POST the event as JSON to a URL.

Settings::

    [[actions]]
    type = "webhook"
    name = "ops"
    url = "https://example.com/hooks/auditor"   # or url_env = "OPS_HOOK_URL"
    format = "json"                # or "slack" (incoming-webhook message)
    headers = { "X-Team" = "ops" }
    headers_env = { "Authorization" = "OPS_HOOK_AUTH" }   # value read from the environment
    timeout = 10                   # seconds, default 10
    ca_file = "/etc/ssl/private-ca.pem"   # extra CA to trust (default: system store)

The request carries ``Content-Type: application/json``, ``Idempotency-Key``
(the event's key, percent-encoded if it is not plain ASCII) and
``X-Auditor-Event`` (the event type); the JSON body holds the key as well, so a
receiver can drop the duplicates that at-least-once delivery may produce.
Any 2xx answer means delivered. Redirects are followed only to the same host
and never from https to http, with the same method and body (a 303, which
asks for a GET, fails the delivery). TLS certificates are verified. The URL
(Slack's carries the token) and header values from the environment are
registered as secrets; error messages name only scheme, host and port.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import ssl
import urllib.error
import urllib.request
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from auditor import __version__, clock
from auditor.actions.base import ActionError, bounded, details, idempotency_key, requires, summary
from auditor.secrets import redact, register

DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 3


@requires("url|url_env")
def deliver(event: dict[str, Any], settings: dict[str, Any]) -> None:
    """POST ``event`` (or its Slack rendering) to the configured URL; raise
    :class:`ActionError` unless the receiver answers 2xx."""
    url = _url(settings)
    fmt = settings.get("format", "json")
    payload = slack_message(event) if fmt == "slack" else event
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    headers = {"User-Agent": f"auditor/{__version__}"}
    headers.update({str(k): str(v) for k, v in (settings.get("headers") or {}).items()})
    for name, variable in (settings.get("headers_env") or {}).items():
        value = os.environ.get(variable)
        if not value:
            raise ActionError(f"environment variable {variable} (header {name}) is not set")
        register(value)
        headers[str(name)] = value
    headers.update(
        {  # last, so configured headers cannot replace them
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": _header_value(idempotency_key(event)),
            "X-Auditor-Event": _header_value(str(event.get("type") or "")),
        }
    )
    timeout = float(settings.get("timeout", DEFAULT_TIMEOUT))
    post(url, body, headers, timeout=timeout, ca_file=settings.get("ca_file"))


def _url(settings: dict[str, Any]) -> str:
    if settings.get("url_env"):
        url = os.environ.get(settings["url_env"], "")
        if not url:
            raise ActionError(f"environment variable {settings['url_env']} (the URL) is not set")
    else:
        url = str(settings.get("url") or "")
    parts = urlsplit(url)
    # The whole URL is a credential for Slack-style hooks; a receiver echoing
    # only its path or query must not leak it either.
    for secret in (url, parts.password, parts.path, parts.query):
        if secret and len(secret) >= 8:
            register(secret)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ActionError(f"url must be an http:// or https:// URL, got {_origin(url)!r}")
    return url


def _origin(url: str) -> str:
    """scheme://host[:port] of ``url``: what error messages may show."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable URL>"
    return f"{parts.scheme}://{parts.hostname or ''}{port}"


def _header_value(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return quote(text, safe="/:@-._~!$&'()*+,;=")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _NoAutoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to :func:`post`, which decides itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - clock.now()).total_seconds())
    except (TypeError, ValueError):
        return None


def post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ca_file: str | None = None,
) -> int:
    """POST ``body`` to ``url`` and return the 2xx status; raise :class:`ActionError`
    otherwise. Shared with plugins that speak HTTP (stdlib only, verified TLS)."""
    context = ssl.create_default_context(cafile=ca_file)
    host = urlsplit(url).hostname or ""
    handlers: list[urllib.request.BaseHandler] = [
        _NoAutoRedirect(),
        urllib.request.HTTPSHandler(context=context),
    ]
    if _is_loopback(host):
        handlers.append(urllib.request.ProxyHandler({}))  # a proxy cannot reach our loopback
    opener = urllib.request.build_opener(*handlers)
    origin = _origin(url)
    for _ in range(MAX_REDIRECTS + 1):
        # the scheme is http(s), checked by _url and _follow
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read(65536)
                return int(response.status)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 307, 308):
                url = _follow(url, exc.headers.get("Location"), exc.code)
                origin = _origin(url)
                continue
            text = ""
            try:
                text = exc.read(300).decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                pass
            detail = f": {bounded(redact(text), 200)}" if text.strip() else ""
            raise ActionError(
                f"HTTP {exc.code} {exc.reason} from {origin}{detail}",
                retry_after=_retry_after(exc.headers.get("Retry-After")),
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise ActionError(f"{origin} did not answer within {timeout:g} s") from None
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise ActionError(
                    f"TLS certificate of {origin} not trusted: {reason.verify_message}"
                ) from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise ActionError(f"cannot reach {origin}: {redact(text)}") from None
        except TimeoutError:
            raise ActionError(f"{origin} did not answer within {timeout:g} s") from None
        except (http.client.HTTPException, OSError, ValueError) as exc:
            text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise ActionError(f"request to {origin} failed: {redact(text)}") from None
    raise ActionError(f"{origin}: more than {MAX_REDIRECTS} redirects")


def _follow(url: str, location: str | None, code: int) -> str:
    """The redirect target, if it is allowed: same host, no downgrade to http."""
    if not location:
        raise ActionError(f"HTTP {code} from {_origin(url)} without a Location")
    target = urljoin(url, location)
    old, new = urlsplit(url), urlsplit(target)
    if (new.hostname or "").lower() != (old.hostname or "").lower():
        raise ActionError(
            f"HTTP {code} from {_origin(url)} redirects to another host "
            f"({_origin(target)}); not followed"
        )
    if old.scheme == "https" and new.scheme != "https":
        raise ActionError(f"HTTP {code} from {_origin(url)} redirects to plain http; not followed")
    if new.scheme not in ("http", "https"):
        raise ActionError(f"HTTP {code} from {_origin(url)} redirects to a non-HTTP URL")
    return target


# -- Slack ------------------------------------------------------------------------


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_message(event: dict[str, Any]) -> dict[str, Any]:
    """The event as a Slack incoming-webhook message: ``text`` (the fallback
    shown in notifications) and ``blocks``; both carry the idempotency key."""
    key = idempotency_key(event)
    headline = summary(event)
    fields = [
        {"type": "mrkdwn", "text": f"*{_mrkdwn(label)}*\n{_mrkdwn(bounded(value, 1900))}"}
        for label, value in details(event)
        if label != "At"
    ][:10]
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{_mrkdwn(headline)}*"}},
    ]
    if fields:
        blocks.append({"type": "section", "fields": fields})
    kind = _mrkdwn(str(event.get("type") or ""))
    context = f"auditor · {kind} · idempotency key `{_mrkdwn(key)}`"
    if event.get("at"):
        context += f" · {_mrkdwn(str(event['at']))}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": context}]})
    return {"text": f"[auditor] {headline} (idempotency key: {key})", "blocks": blocks}
