"""Is a notice really from Amazon? (CONTRACT.md, "Authenticity").

* **verified**: the From address is on an Amazon domain and the
  ``Authentication-Results`` of a receiving server the configuration trusts
  (``settings["trusted_authserv_ids"]``; the topmost header bearing one of
  those ids) report ``dmarc=pass``, or ``dkim=pass`` for a domain aligned
  with the From domain. A live DKIM check (``settings["dkim_verify"] =
  True``, with the raw bytes) may verify a notice that carries no such
  header. Only a verified notice changes campaign state by itself
  (:mod:`auditor.campaigns.policy`); every other one waits for
  ``auditor notices confirm``.
* **unverified**: Amazon From domain, no usable authentication results: no
  header (an exported file), headers only from servers nobody trusts,
  ``spf=fail`` alone; and every forwarded notice that nothing makes
  suspicious.
* **suspicious**: claims to be Amazon but the From domain is not Amazon's,
  the trusted server reports a failure (``dmarc=fail``, or DKIM and SPF both
  fail), a sender or link is on a look-alike domain, or a Reply-To sends
  replies outside Amazon.

Decisions:

* Nothing is trusted unless configured: a header anyone can write must
  never count, and the sender of a forged notice can write any header,
  including one that names the seller's own receiving server. So with no
  ``trusted_authserv_ids`` every notice is at most *unverified*. With them,
  the topmost header bearing a trusted id counts and everything below it is
  ignored (RFC 8601 §5: a receiving server removes headers bearing its own
  id, so anything beneath its header came with the mail). When no trusted
  header is found, a failure the topmost header reports (``dmarc=fail``,
  DKIM and SPF failing) still makes the notice *suspicious*: a forger gains
  nothing by writing a failure, and it never makes anything act.

* A forward's outer sender is a colleague, not Amazon, so a forward is at
  most *unverified*, even when the quoted original names an Amazon sender
  (quoted headers are plain text anyone can type). It is *suspicious* when
  the quoted sender is not an Amazon domain, when any sender or link is on
  a look-alike domain, when the forward itself fails DMARC, or when it comes
  from outside the organisation (:func:`forwarded_from_inside`: the
  ``trusted_forwarders`` setting, else a recipient's domain).
* A failed live DKIM check is recorded as a reason but does not make a
  notice suspicious: exported and re-saved mail often breaks signatures.
  A passing one verifies it.
* Look-alike domains (:func:`lookalike`): a host that is not Amazon's (nor
  on :data:`AMAZON_LINK_DOMAINS`) and whose skeleton contains "amazon",
  "amzn" or "sellercentral", or one of whose labels is one edit away from
  "amazon". The skeleton decodes punycode, strips accents, maps Cyrillic
  and Greek homoglyphs and the usual digit swaps (0→o, 1→l, 3→e, 4→a) and
  "rn"→"m", so ``amaz0n.com``, ``arnazon.de``, ``xn--mazon-3ve.com``
  (Cyrillic а), ``amazon.de.verify-login.com`` and
  ``sellercentral-amazon.account-verify.example`` are all caught. An
  anchor whose text shows an Amazon address but whose link goes elsewhere
  is suspicious too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from auditor.message.amazon import is_amazon_domain, registered_amazon_domain
from auditor.message.model import Link, Message
from auditor.notices.model import Authenticity

#: Amazon-owned hosts that genuine notices link to, besides the Amazon
#: domains of auditor.message.amazon (image CDNs, short links, SES click
#: tracking). Extend with ``settings["amazon_link_domains"]``.
AMAZON_LINK_DOMAINS = (
    "media-amazon.com",
    "ssl-images-amazon.com",
    "images-amazon.com",
    "amazonaws.com",
    "amazontrust.com",
    "amzn.to",
    "amzn.com",
    "a.co",
    "a2z.com",
    "awstrack.me",
    "amazon.work",
    "amazon.jobs",
    "aboutamazon.com",
)
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "һ": "h",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "м": "m",
        "п": "n",
        "к": "k",
        "т": "t",
        "ո": "n",
        "ս": "u",
        "օ": "o",
        "ɑ": "a",
        "α": "a",
        "ο": "o",
        "ν": "v",
        "ρ": "p",
        "ε": "e",
        "ζ": "z",
        "ᴢ": "z",
        "ɡ": "g",
        "ı": "i",
        "ɩ": "i",
        "ʐ": "z",
        "ɴ": "n",
        "ᴍ": "m",
        "ᴏ": "o",
        "ᴀ": "a",
        "0": "o",
        "1": "l",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
    }
)
_BRAND = ("amazon", "amzn", "sellercentral")
_URLISH = re.compile(r"(?:https?://)?((?:[\w-]+\.)+[a-z]{2,})(?:[/:?#]|$)", re.IGNORECASE)
_DKIM_D = re.compile(r"(?:^|;)\s*d\s*=\s*([^;\s]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The authenticity of one notice and why."""

    authenticity: Authenticity
    reasons: tuple[str, ...] = ()
    lookalikes: tuple[str, ...] = field(default=())


def _idna(host: str) -> str:
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


def skeleton(host: str) -> str:
    """``host`` reduced to what it looks like: punycode decoded, accents
    stripped, homoglyphs and digit swaps mapped to Latin letters, "rn" → "m"."""
    text = unicodedata.normalize("NFKD", _idna(host.lower()))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_CONFUSABLES)
    return text.replace("rn", "m").replace("vv", "w")


def _edits(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _allowed(host: str, extra: Iterable[str] = ()) -> bool:
    if is_amazon_domain(host):
        return True
    return any(host == d or host.endswith("." + d) for d in (*AMAZON_LINK_DOMAINS, *extra))


@lru_cache(maxsize=4096)
def _lookalike(host: str) -> str | None:
    skel = skeleton(host)
    flat = skel.replace("-", "").replace("_", "")
    for brand in _BRAND:
        if brand in flat:
            return f"{host} imitates an Amazon domain ({brand!r} on a foreign domain)"
    for label in re.split(r"[.\-_]", skel):
        if 4 <= len(label) <= 8 and _edits(label, "amazon") == 1:
            return f"{host} imitates an Amazon domain ({label!r} is one letter from 'amazon')"
    if skel != host and registered_amazon_domain(skel):
        return f"{host} imitates an Amazon domain (homoglyphs of {skel})"
    return None


def lookalike(host: str, extra_allowed: Iterable[str] = ()) -> str | None:
    """Why ``host`` is a look-alike of an Amazon domain, or None when it is
    Amazon's own, allowed, or unrelated."""
    host = host.strip().strip(".").lower()
    if not host or _allowed(host, tuple(extra_allowed)):
        return None
    return _lookalike(host)


def link_host(url: str) -> str:
    """The host a link points to (also for ``www.…`` and ``mailto:``)."""
    url = url.strip()
    if url.lower().startswith("mailto:"):
        return url[7:].split("?")[0].rpartition("@")[2].lower()
    if "://" not in url:
        url = "http://" + url
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _link_problems(links: Iterable[Link], extra: tuple[str, ...]) -> list[str]:
    problems = []
    for link in links:
        host = link_host(link.url)
        if not host:
            continue
        why = lookalike(host, extra)
        if why:
            problems.append(f"link to {why}")
            continue
        shown = _URLISH.search(link.text or "")
        if shown and _allowed(shown.group(1).lower(), extra) and not _allowed(host, extra):
            problems.append(f"link text shows {shown.group(1)} but the link goes to {host}")
    return problems


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # The public suffix list shipped with tldextract: no network, no cache dir.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _org(domain: str) -> str:
    """The organisational domain, for DMARC-style (relaxed) alignment."""
    amazon = registered_amazon_domain(domain)
    if amazon:
        return amazon
    parts = _extractor()(domain)
    return ".".join(p for p in (parts.domain, parts.suffix) if p) or domain


@lru_cache(maxsize=64)
def _parse_results(value: str) -> Any | None:
    """``value`` parsed by authres (about a millisecond a header), once: the
    assessment and the note on untrusted results read the same headers.
    The parsed header is only read, never changed."""
    import authres

    try:
        return authres.AuthenticationResultsHeader.parse(f"Authentication-Results: {value}")
    except Exception:  # authres raises its own SyntaxError family and ValueErrors
        return None


def trusted_results(msg: Message, authserv_ids: Iterable[str] | None = None) -> Any | None:
    """The Authentication-Results header of the trusted receiving server,
    parsed by ``authres``: the topmost header whose authserv-id is one of
    ``authserv_ids``. Headers below it are ignored (a sender can write any
    header before the mail reaches that server, even one bearing its id);
    headers above it were added later, by the seller's own systems. None
    when no server is trusted (the default: a header anyone can forge never
    counts), when no header is from a trusted server, or when the trusted
    server's header is unreadable."""
    wanted = {a.strip().lower() for a in authserv_ids or () if a.strip()}
    if not wanted:
        return None
    for value in msg.header_all("Authentication-Results"):
        parsed = _parse_results(value)
        if parsed is None:
            # Unreadable: is it the trusted server's? Then nothing below counts.
            first = value.split(";", 1)[0].split()
            if first and first[0].lower() in wanted:
                return None
            continue
        if str(parsed.authserv_id).lower() in wanted:
            return parsed
    return None


def untrusted_note(msg: Message, authserv_ids: Iterable[str] | None = None) -> str:
    """Why no trusted Authentication-Results were found, for the reasons."""
    values = msg.header_all("Authentication-Results")
    if not values:
        return "no Authentication-Results header"
    ids = []
    for value in values:
        parsed = _parse_results(value)
        ids.append(str(parsed.authserv_id) if parsed is not None else "unreadable")
    servers = ", ".join(dict.fromkeys(ids))
    if not [a for a in authserv_ids or () if a.strip()]:
        return (
            f"Authentication-Results from {servers} not trusted: "
            "no [notices] trusted_authserv_ids configured"
        )
    return f"Authentication-Results only from untrusted servers ({servers})"


def _property(result: Any, name: str) -> str:
    for prop in getattr(result, "properties", []):
        if f"{prop.type}.{prop.name}".lower() == name:
            return str(prop.value).lstrip("@").rpartition("@")[2].lower()
    return ""


def authentication(header: Any, from_domain: str) -> tuple[str, str]:
    """``("pass" | "fail" | "none", why)`` from parsed Authentication-Results.

    ``pass``: ``dmarc=pass`` (for the From domain, when the header names
    one) or ``dkim=pass`` for a domain aligned with the From domain. SPF
    alone never passes: it checks the envelope sender, not the From."""
    if header is None:
        return "none", "no Authentication-Results from a trusted server"
    results = list(header.results)
    org = _org(from_domain) if from_domain else ""
    for result in results:
        if result.method == "dmarc":
            checked = _property(result, "header.from")
            if checked and org and _org(checked) != org:
                continue  # DMARC of another From header than the one shown
            if result.result == "pass":
                return "pass", f"dmarc=pass ({header.authserv_id})"
            if result.result == "fail":
                return "fail", f"dmarc=fail ({header.authserv_id})"
    dkim = [r for r in results if r.method == "dkim"]
    for result in dkim:
        domain = _property(result, "header.d") or _property(result, "header.i")
        if result.result == "pass" and domain and org and _org(domain) == org:
            return "pass", f"dkim=pass for {domain}, aligned with {from_domain}"
    spf = [r for r in results if r.method == "spf"]
    if dkim and spf and all(r.result in ("fail", "softfail") for r in (*dkim, *spf)):
        return "fail", f"dkim and spf fail ({header.authserv_id})"
    if spf and not dkim and any(r.result in ("fail", "softfail") for r in spf):
        return "none", f"spf=fail only, no DKIM or DMARC result ({header.authserv_id})"
    return "none", f"no dmarc=pass or aligned dkim=pass ({header.authserv_id})"


def live_dkim(
    raw: bytes, from_domain: str, dnsfunc: Callable[..., bytes | None] | None = None
) -> tuple[bool | None, str]:
    """Verify ``raw``'s DKIM signature with dkimpy. ``(True, why)`` when it
    verifies for a domain aligned with ``from_domain``, ``(False, why)`` when
    it fails, ``(None, why)`` when there is no signature or dkimpy is missing.
    ``dnsfunc`` answers the key lookup (tests; offline use)."""
    try:
        import dkim
    except ImportError:
        return None, "dkimpy is not installed"
    header = re.search(rb"^DKIM-Signature:(.*(?:\r?\n[ \t].*)*)", raw, re.IGNORECASE | re.MULTILINE)
    if header is None:
        return None, "no DKIM signature"
    tags = re.sub(r"\s+", "", header.group(1).decode("ascii", "replace"))
    signed = _DKIM_D.search(tags)
    domain = signed.group(1).lower() if signed else ""
    kwargs: dict[str, Any] = {} if dnsfunc is None else {"dnsfunc": dnsfunc}
    try:
        ok = bool(dkim.verify(raw, **kwargs))
    except Exception as exc:  # dkimpy raises DKIMException and DNS errors
        return False, f"live DKIM check failed: {exc}"
    if not ok:
        return False, f"live DKIM signature of {domain or '?'} does not verify"
    if domain and _org(domain) == _org(from_domain):
        return True, f"live DKIM signature of {domain} verifies"
    return False, f"live DKIM signature of {domain or '?'} is not aligned with {from_domain}"


def forwarded_from_inside(msg: Message, settings: Mapping[str, Any]) -> bool:
    """Whether the forwarder of ``msg`` is inside the seller's organisation:
    one of ``settings["trusted_forwarders"]`` (addresses or domains) when
    that is set, else on the organisational domain of a To/Cc recipient (a
    colleague's forward). Quoted headers prove nothing: anyone can forward
    text that names an Amazon sender."""
    forwarder = msg.from_addr.lower()
    domain = msg.from_domain
    if not domain:
        return False
    trusted = [t.strip().lower().lstrip("@") for t in settings.get("trusted_forwarders") or ()]
    if trusted:
        return forwarder in trusted or domain in trusted or _org(domain) in trusted
    recipients = (a.rpartition("@")[2].lower() for a in (*msg.to, *msg.cc) if "@" in a)
    return any(_site(r) == _site(domain) for r in recipients if r)


def _site(domain: str) -> str:
    """The registered domain; for a suffix not on the public list (``.example``,
    a private TLD) the last two labels, not the bare suffix ``_org`` falls back to."""
    parts = _extractor()(domain)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    return ".".join(domain.split(".")[-2:])


def assess(
    msg: Message,
    *,
    sender: str,
    forwarded: bool,
    impersonates: bool,
    settings: Mapping[str, Any] | None = None,
    raw: bytes | None = None,
) -> Verdict:
    """The authenticity of the notice in ``msg``.

    ``sender`` is the notice's From address (the quoted original's for a
    forward), ``impersonates`` says the mail claims to be Amazon.
    """
    settings = settings or {}
    extra = tuple(settings.get("amazon_link_domains", ()))
    lookalikes = _lookalikes(msg, sender, extra)
    status, header_reasons = _header_evidence(msg, settings.get("trusted_authserv_ids"))
    steered = [] if forwarded else _replies_steered_away(msg, extra)
    reasons = [*lookalikes, *header_reasons, *steered]
    if lookalikes:
        return Verdict(Authenticity.SUSPICIOUS, tuple(reasons), tuple(lookalikes))
    if status == "fail" or steered:
        return Verdict(Authenticity.SUSPICIOUS, tuple(reasons))
    if forwarded:
        return _forward_verdict(msg, sender, settings, reasons)
    return _direct_verdict(sender, status, impersonates, settings, raw, reasons)


def _lookalikes(msg: Message, sender: str, extra: tuple[str, ...]) -> list[str]:
    """Why the notice's sender, the outer From, a Reply-To or a link is on a
    look-alike domain (empty when none is)."""
    sender_domain = sender.rpartition("@")[2].lower()
    reply_domains = (a.rpartition("@")[2] for a in msg.reply_to)
    found = []
    for host in dict.fromkeys((sender_domain, msg.from_domain, *reply_domains)):
        why = lookalike(host, extra) if host else None
        if why:
            found.append(why)
    return found + _link_problems(msg.links, extra)


def _header_evidence(msg: Message, trusted: Iterable[str] | None) -> tuple[str, list[str]]:
    """``("pass" | "fail" | "none", reasons)`` from the Authentication-Results
    of a trusted server. With none, a failure that the topmost (untrusted)
    header reports still counts: an untrusted header never verifies, but
    nobody forges a failure to their own harm."""
    header = trusted_results(msg, trusted)
    status, why = authentication(header, msg.from_domain)
    if header is not None:
        return status, [why]
    reasons = [untrusted_note(msg, trusted)]
    top = next(iter(msg.header_all("Authentication-Results")), None)
    top_status, top_why = authentication(_parse_results(top) if top else None, msg.from_domain)
    if top_status == "fail":
        status = "fail"
        reasons.append(f"{top_why}, from a server not trusted")
    return status, reasons


def _replies_steered_away(msg: Message, extra: tuple[str, ...]) -> list[str]:
    """One reason per Reply-To outside Amazon that is no look-alike (those
    count as look-alikes): replies to a notice go to Amazon."""
    steered = []
    for address in msg.reply_to:
        host = address.rpartition("@")[2].lower()
        if host and not _allowed(host, extra) and not lookalike(host, extra):
            steered.append(f"Reply-To {address} is outside Amazon")
    return steered


def _forward_verdict(
    msg: Message, sender: str, settings: Mapping[str, Any], reasons: list[str]
) -> Verdict:
    """A forward that nothing else made suspicious: at most unverified, and
    suspicious from outside the organisation or for a non-Amazon original."""
    if not forwarded_from_inside(msg, settings):
        reasons.append(f"forwarded from outside the organisation by {msg.from_addr or '?'}")
        return Verdict(Authenticity.SUSPICIOUS, tuple(reasons))
    sender_domain = sender.rpartition("@")[2].lower()
    if is_amazon_domain(sender_domain):
        reasons.append(f"forwarded by {msg.from_addr}: at most unverified")
        return Verdict(Authenticity.UNVERIFIED, tuple(reasons))
    if not sender:
        reasons.append("forwarded without the original's sender")
        return Verdict(Authenticity.UNVERIFIED, tuple(reasons))
    reasons.append(f"claims to be Amazon but comes from {sender_domain or 'no address'}")
    return Verdict(Authenticity.SUSPICIOUS, tuple(reasons))


def _direct_verdict(
    sender: str,
    status: str,
    impersonates: bool,
    settings: Mapping[str, Any],
    raw: bytes | None,
    reasons: list[str],
) -> Verdict:
    """A notice received directly that nothing made suspicious: verified by
    a trusted pass (or a live DKIM check), else unverified, and suspicious
    when it claims to be Amazon from elsewhere."""
    sender_domain = sender.rpartition("@")[2].lower()
    if not is_amazon_domain(sender_domain):
        if impersonates:
            reasons.append(f"claims to be Amazon but comes from {sender_domain or 'no address'}")
            return Verdict(Authenticity.SUSPICIOUS, tuple(reasons))
        return Verdict(Authenticity.UNVERIFIED, tuple(reasons))
    if status == "pass":
        return Verdict(Authenticity.VERIFIED, tuple(reasons))
    if settings.get("dkim_verify") and raw is not None:
        ok, dkim_why = live_dkim(raw, sender_domain, settings.get("dkim_dnsfunc"))
        reasons.append(dkim_why)
        if ok:
            return Verdict(Authenticity.VERIFIED, tuple(reasons))
    return Verdict(Authenticity.UNVERIFIED, tuple(reasons))
