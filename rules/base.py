"""What a rule is: one small class with its code, name, severity, reason and
examples, and one method that looks at a message.

Modelled on sqlfluff's and ruff's rules, with one difference: the bad and
good examples a rule documents *run*. ``tests/test_rule_examples.py`` feeds
every example through the real parser and the rule; a bad one must fire and a
good one must not. The same fields render ``auditor rules CODE`` and the HTML
report's rule pages (:func:`rules.docs.render`), so documentation is never
written twice.

A rule class is refused at import time (``RuleDefinitionError``) when its code
or name is malformed or taken, its docstring is missing, its ``why`` does not
cite ``guidelines.md``, or it lacks a bad or a good example.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from auditor.message.model import Kind, Message

if TYPE_CHECKING:
    from rules.engine import Context


class RuleDefinitionError(TypeError):
    """A rule class breaks the registration contract (see module docstring)."""


class Severity(enum.StrEnum):
    """``error``: a trigger Amazon names in its restriction notice; ``warning``:
    gets single messages blocked; ``info``: worth knowing (policy/rules.md)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


LOCATIONS = ("subject", "text", "html", "attachment", "headers", "thread")


@dataclass(frozen=True, slots=True)
class Sample:
    """One message in a rule example. Defaults make a plain review request's
    envelope, so an example states only what matters to the rule."""

    text: str = ""
    subject: str = "About your recent order"
    html: str = ""
    attachments: tuple[tuple[str, str, int], ...] = ()  #: (filename, type, size)
    to: str = "buyer@marketplace.amazon.com"
    sender: str = "Shop <shop@seller.example>"
    date: str = "2026-11-03T10:00:00+00:00"
    message_id: str = ""
    in_reply_to: str = ""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Example:
    """A bad or good case: one message, or several for cross-message rules
    (the rule must fire on at least one of them for a bad example)."""

    samples: tuple[Sample, ...]
    lang: str = "en"
    note: str = ""


def example(text: str = "", *, lang: str = "en", note: str = "", **fields: Any) -> Example:
    """A one-message example: ``example("Use code X for 10% off", lang="en")``."""
    return Example((Sample(text=text, **fields),), lang=lang, note=note)


def thread(*samples: Sample, lang: str = "en", note: str = "") -> Example:
    """A several-message example for cross-message rules."""
    return Example(tuple(samples), lang=lang, note=note)


@dataclass(frozen=True, slots=True)
class Option:
    """A configurable setting of a rule, with its default and meaning."""

    default: Any
    help: str


@dataclass(slots=True)
class Hit:
    """What a rule found: where, the evidence text, and for cross-message
    rules the message it is reported on and the related messages.
    ``span`` is the evidence's (start, end) in that location's text, for
    highlighting."""

    location: str
    evidence: str
    message: Message | None = None
    related: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None
    #: the campaign to attribute the finding to, when not the message's own
    #: (BSM702 reports a buyer's reply against the campaign it answers)
    campaign: str | None = None


_REGISTRY: dict[str, type[Rule]] = {}
_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Rule:
    """Base class. Subclasses set the class attributes and override
    :meth:`check` (one message at a time) or, with ``cross_message = True``,
    :meth:`observe` and :meth:`finish` (the whole audited set, streamed)."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    #: Why the rule exists, quoting and citing ``guidelines.md``.
    why: ClassVar[str] = ""
    #: How to write the message instead (shown in reports next to findings).
    fix: ClassVar[str] = ""
    bad: ClassVar[Sequence[Example]] = ()
    good: ClassVar[Sequence[Example]] = ()
    options: ClassVar[dict[str, Option]] = {}
    since: ClassVar[str] = "0.1.0"
    #: Which kinds of message the rule looks at.
    applies_to: ClassVar[frozenset[Kind]] = frozenset({Kind.SENT})
    cross_message: ClassVar[bool] = False
    #: A per-message rule that also observes every message and reports in
    #: ``finish`` (BSM505 judges a message whose order date is learnt later
    #: in the run, from Amazon's order mail).
    also_finishes: ClassVar[bool] = False
    #: False when the result depends on more than the template's words
    #: (dates, headers), so it must not be cached per template.
    cacheable: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract"):
            return
        problems = []
        if not _CODE.match(cls.code):
            problems.append(f"code {cls.code!r} is not like 'BSM101'")
        if not _NAME.match(cls.name):
            problems.append(f"name {cls.name!r} is not lowercase-with-dashes")
        if not (cls.__doc__ or "").strip():
            problems.append("it has no docstring (summary and what it flags)")
        if "guidelines.md" not in cls.why:
            problems.append("its 'why' does not cite guidelines.md")
        if not cls.bad or not cls.good:
            problems.append("it needs at least one bad and one good example")
        if not cls.fix:
            problems.append("it has no 'fix' (how to write it instead)")
        if cls.code in _REGISTRY and _REGISTRY[cls.code].__qualname__ != cls.__qualname__:
            problems.append(f"code {cls.code} is taken by {_REGISTRY[cls.code].__qualname__}")
        if any(r.name == cls.name and r.code != cls.code for r in _REGISTRY.values()):
            problems.append(f"name {cls.name} is taken")
        if problems:
            raise RuleDefinitionError(f"rule {cls.__qualname__}: " + "; ".join(problems))
        _REGISTRY[cls.code] = cls

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        settings = settings or {}
        unknown = set(settings) - set(self.options)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        self.settings = {key: settings.get(key, opt.default) for key, opt in self.options.items()}

    @property
    def summary(self) -> str:
        return (self.__doc__ or "").strip().splitlines()[0]

    def check(self, msg: Message, ctx: Context) -> Iterable[Hit]:
        """Hits for one message (per-message rules)."""
        return ()

    def cache_key(self, msg: Message, ctx: Context) -> Hashable | None:
        """What besides the template (``msg.template``) the result depends on:
        ``()`` for nothing, e.g. ``ctx.campaign`` for a per-campaign
        allow-list, or None when the rule must run on every message. A clean
        result is cached under (code, template, this)."""
        return () if self.cacheable else None

    def observe(self, msg: Message, ctx: Context) -> None:
        """Remember what this cross-message rule needs from ``msg``; keep it small."""

    def finish(self, ctx: Context) -> Iterable[Hit]:
        """Hits over everything observed (cross-message rules); each names its message."""
        return ()

    def reset(self) -> None:
        """Forget what :meth:`observe` kept (a new audit starts)."""


def registry() -> dict[str, type[Rule]]:
    """Every registered rule class by code, in code order."""
    from rules import load_all

    load_all()
    return dict(sorted(_REGISTRY.items()))


def iter_examples(rule: type[Rule]) -> Iterator[tuple[str, Example]]:
    for case in rule.bad:
        yield "bad", case
    for case in rule.good:
        yield "good", case
