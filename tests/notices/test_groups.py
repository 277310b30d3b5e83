"""One definition of the notice kinds, their groups and labels
(auditor/notices/groups.py): complete, consistent, and the only one."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import auditor
from auditor.notices import NoticeKind
from auditor.notices import groups as g

ROOT = Path(auditor.__file__).resolve().parent.parent
KINDS = frozenset(NoticeKind)


def test_every_contract_kind_and_no_other():
    """CONTRACT.md's ``Kind`` lists exactly the enum's values."""
    contract = (ROOT / "CONTRACT.md").read_text(encoding="utf-8")
    block = re.search(r"^Kind = (.+?)(?:\n\n|\n[A-Z`])", contract, re.M | re.S)
    assert block is not None
    listed = {k.strip() for k in block.group(1).replace("\n", " ").split("|")}
    assert listed == {k.value for k in NoticeKind}


def test_every_kind_has_a_label_and_one_lane():
    assert set(g.KIND_LABELS) == {k.value for k in NoticeKind}
    assert len(set(g.KIND_LABELS.values())) == len(NoticeKind)
    lanes = [kinds for name, (_, kinds) in g.LANES.items() if name != "phishing"]
    assert frozenset().union(*lanes) == KINDS
    assert sum(len(kinds) for kinds in lanes) == len(KINDS)  # no kind in two lanes
    for kind in NoticeKind:
        assert g.lane(kind) != "other" or kind is NoticeKind.OTHER_AMAZON
        assert g.lane(kind, phishing=True) == "phishing"


@pytest.mark.parametrize(
    ("kind", "label", "lane"),
    [
        ("messaging_restriction", "Messaging restriction", "restriction"),
        ("message_undelivered", "Message not delivered", "restriction"),
        ("buyer_opt_out", "Buyer opted out", "buyer"),
        ("ip_retraction", "IP complaint retracted", "ip"),
        ("account_reinstated", "Account reinstated", "account"),
        ("appeal_decision", "Appeal decision", "appeal"),
        ("other_amazon", "Other Amazon mail", "other"),
        ("some_future_kind", "Some future kind", "other"),
    ],
)
def test_plain_strings_from_the_store_are_found(kind, label, lane):
    """A kind read back from the store is a plain string: same label, lane, groups."""
    assert g.kind_label(kind) == label
    assert g.lane(kind) == lane


def test_groups_answer_for_strings_and_members_alike():
    assert "messaging_restriction" in g.RESTRICTION_KINDS
    assert NoticeKind.TEMPLATES_ONLY_RESTRICTION in g.RESTRICTION_KINDS
    assert "message_blocked" not in g.RESTRICTION_KINDS
    assert g.RESTRICTIONS == ("messaging_restriction", "templates_only_restriction")
    assert all(type(k) is str for k in g.RESTRICTIONS)  # plain strings for SQL
    assert "ip_complaint" in g.ALERT_KINDS and "messaging_restriction" not in g.ALERT_KINDS


def test_groups_are_consistent():
    assert g.GOOD_NEWS_KINDS.isdisjoint(g.RESTRICTION_KINDS | g.ALERT_KINDS)
    assert g.ALERT_KINDS.isdisjoint(g.RESTRICTION_KINDS)
    assert g.RESTRICTION_KINDS <= g.MESSAGING_KINDS
    assert g.PERIOD_KINDS <= g.STARTING_KINDS and g.RESTRICTION_KINDS <= g.VIOLATION_KINDS
    assert g.LINKABLE_KINDS <= g.MESSAGING_KINDS | g.BUYER_KINDS
    for group in (
        g.RESTRICTION_KINDS,
        g.ALERT_KINDS,
        g.LINKABLE_KINDS,
        g.GOOD_NEWS_KINDS,
        g.FUTURE_KINDS,
        g.VIOLATION_KINDS,
        g.STARTING_KINDS,
    ):
        assert group <= KINDS and all(isinstance(k, NoticeKind) for k in group)


def test_old_import_paths_still_answer():
    from auditor.campaigns import policy
    from auditor.notices import model

    assert model.NoticeKind is NoticeKind and model.RESTRICTION_KINDS is g.RESTRICTION_KINDS
    assert model.LINKABLE_KINDS is g.LINKABLE_KINDS
    assert policy.RESTRICTIONS is g.RESTRICTIONS and policy.ALERT_KINDS is g.ALERT_KINDS


#: Files that still write kind groups of their own: being rewritten elsewhere
#: (the HTML report moves to templates and will import groups.py).
PENDING: set[str] = set()
KIND_VALUES = {k.value for k in NoticeKind}


def _kind_collections(path: Path) -> list[int]:
    """Lines where a literal tuple, list, set or dict key set names two or more kinds."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        named = [e.value for e in items if isinstance(e, ast.Constant) and e.value in KIND_VALUES]
        if len(named) >= 2:
            found.append(node.lineno)
    return found


def test_no_other_module_writes_a_group_of_kinds():
    offenders = {}
    for folder in ("auditor", "rules", "connectors"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in PENDING or rel == "auditor/notices/groups.py":
                continue
            lines = _kind_collections(path)
            if lines:
                offenders[rel] = lines
    assert offenders == {}


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip()


def test_the_groups_come_without_the_phrase_lists():
    """The store, the campaigns and the CLI import the groups; the detector's
    phrase lists (most of a second to compile) load on the first detect only."""
    out = _python(
        "import sys, auditor.cli, auditor.campaigns.policy, auditor.store, auditor.notices.groups\n"
        "print('auditor.notices.kinds' in sys.modules)"
    )
    assert out == "False"


@pytest.mark.parametrize(
    "first",
    [
        "",
        "import auditor.notices.detect",
        "from auditor.notices.detect import detect as first",
        "from auditor.notices import *",
    ],
)
def test_detect_is_the_function_whatever_is_imported_first(first):
    out = _python(
        f"{first}\nimport auditor.notices\nfrom auditor.notices import detect\n"
        "import auditor.notices.detect as again\n"
        "print(detect.__name__, auditor.notices.detect is detect, again is detect)"
    )
    assert out == "detect True True"
