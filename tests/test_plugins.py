"""One plugins helper (auditor/plugins.py) behind every registry.

Each registry gets a real third-party distribution on sys.path (see
tests/plugin_dist.py): a good plugin is loaded, a broken one is skipped with
a warning naming it and its error, one of the wrong shape is skipped saying
what was expected, and nothing crashes.
"""

from __future__ import annotations

import logging

import pytest

import rules
from auditor.actions import action_types
from auditor.gate.checks import do_not_solicit_check
from auditor.gate.decide import load_checks
from auditor.plugins import load_group
from auditor.report import formats, render
from connectors import available, open_source
from connectors.files import MboxConnector
from rules import base as rules_base
from tests.plugin_dist import install_plugin_fixture  # noqa: F401 - install_plugin

BROKEN = "raise RuntimeError('plugin exploded on import')\n"


def messages(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


@pytest.fixture
def caches():
    """Every registry is loaded once per process: rebuilt around the test."""
    cached = (available, action_types, formats, rules.load_all)
    for registry in cached:
        registry.cache_clear()
    yield
    for registry in cached:
        registry.cache_clear()


# -- the helper itself ---------------------------------------------------------------


def test_builtins_first_then_plugins_in_order(install_plugin, caplog):
    install_plugin(
        "acme-plugins",
        {"test.group": {"one": "acme_one:VALUE", "two": "acme_one:OTHER"}},
        {"acme_one": "VALUE = 'one from acme'\nOTHER = 'two from acme'\n"},
    )
    with caplog.at_level(logging.WARNING):
        found = load_group("test.group", "widget", builtins={"zero": "built in"})
    assert found == {"zero": "built in", "one": "one from acme", "two": "two from acme"}
    assert messages(caplog) == ""


def test_a_group_nobody_fills_is_the_builtins():
    assert load_group("test.no-such-group", "widget") == {}
    assert load_group("test.no-such-group", "widget", builtins={"a": 1}) == {"a": 1}


def test_broken_missing_and_misshapen_plugins_are_skipped_with_a_warning(install_plugin, caplog):
    install_plugin(
        "acme-broken",
        {
            "test.group": {
                "boom": "acme_boom:VALUE",
                "gone": "acme_no_such_module:VALUE",
                "noattr": "acme_fine:MISSING",
                "odd": "acme_fine:NUMBER",
                "fine": "acme_fine:TEXT",
            }
        },
        {"acme_boom": BROKEN, "acme_fine": "TEXT = 'fine'\nNUMBER = 7\n"},
    )
    with caplog.at_level(logging.WARNING):
        found = load_group(
            "test.group",
            "widget",
            adapt=lambda obj: obj if isinstance(obj, str) else None,
            expected="is not a string",
        )
    assert found == {"fine": "fine"}
    text = messages(caplog)
    assert "widget plugin boom failed to load: RuntimeError: plugin exploded on import" in text
    assert "widget plugin gone failed to load: ModuleNotFoundError" in text
    assert "acme_no_such_module" in text
    assert "widget plugin noattr failed to load: AttributeError" in text
    assert "widget plugin odd is not a string; skipped" in text
    assert "plugin fine" not in text  # the good one says nothing
    assert len(caplog.records) == 4


def test_duplicate_names_keep_the_first_and_name_both(install_plugin, caplog):
    install_plugin("acme-a", {"test.group": {"same": "acme_a:V"}}, {"acme_a": "V = 'a'\n"})
    install_plugin("acme-b", {"test.group": {"same": "acme_b:V"}}, {"acme_b": "V = 'b'\n"})
    with caplog.at_level(logging.WARNING):
        found = load_group("test.group", "widget")
    assert len(found) == 1 and found["same"] in ("a", "b")
    kept, other = ("acme_a", "acme_b") if found["same"] == "a" else ("acme_b", "acme_a")
    text = messages(caplog)
    assert f"widget plugin same ({other}:V (from {other.replace('_', '-')} 1.0))" in text
    assert f"has the name of plugin same ({kept}:V" in text and "which is kept; skipped" in text


def test_a_plugin_cannot_replace_a_builtin(install_plugin, caplog):
    install_plugin("acme-c", {"test.group": {"core": "acme_c:V"}}, {"acme_c": "V = 'evil'\n"})
    with caplog.at_level(logging.WARNING):
        found = load_group("test.group", "widget", builtins={"core": "built in"})
    assert found == {"core": "built in"}
    assert "widget plugin core (acme_c:V (from acme-c 1.0)) has the name of a built-in" in (
        messages(caplog)
    )


def test_the_packages_own_entry_points_for_builtins_stay_silent(caches, caplog):
    with caplog.at_level(logging.WARNING):
        available(), action_types(), formats(), load_checks()
    assert messages(caplog) == ""


# -- one broken plugin per registry ---------------------------------------------------

CONNECTOR = """
from connectors.base import Connector

class DemoConnector(Connector):
    @classmethod
    def accepts(cls, spec):
        return spec.startswith("demo:")

    def messages(self):
        return iter(())

class NotAConnector:
    pass
"""


def test_connectors(install_plugin, caches, caplog):
    install_plugin(
        "acme-connectors",
        {
            "auditor.connectors": {
                "demo": "acme_conn:DemoConnector",
                "broken": "acme_conn_boom:X",
                "odd": "acme_conn:NotAConnector",
                "mbox": "acme_conn:DemoConnector",
            }
        },
        {"acme_conn": CONNECTOR, "acme_conn_boom": BROKEN},
    )
    with caplog.at_level(logging.WARNING):
        found = available()
    assert list(found)[:5] == ["imap", "maildir", "emldir", "mbox", "eml"]
    assert found["demo"].__name__ == "DemoConnector" and found["mbox"] is MboxConnector
    assert "broken" not in found and "odd" not in found
    assert type(open_source("demo:inbox")).__name__ == "DemoConnector"
    text = messages(caplog)
    assert "connector plugin broken failed to load: RuntimeError: plugin exploded" in text
    assert "connector plugin odd is not a Connector subclass; skipped" in text
    assert "connector plugin mbox (acme_conn:DemoConnector" in text


def test_actions(install_plugin, caches, caplog):
    install_plugin(
        "acme-actions",
        {"auditor.actions": {"page": "acme_act:deliver", "broken": "acme_act_boom:deliver"}},
        {"acme_act": "def deliver(event, settings):\n    pass\n", "acme_act_boom": BROKEN},
    )
    with caplog.at_level(logging.WARNING):
        found = action_types()
    assert found["page"].__module__ == "acme_act" and "broken" not in found
    assert {"webhook", "command", "email"} <= set(found)
    assert "action plugin broken failed to load: RuntimeError" in messages(caplog)


def test_formats(install_plugin, caches, caplog):
    install_plugin(
        "acme-formats",
        {
            "auditor.formats": {
                "shout": "acme_fmt:render",
                "broken": "acme_fmt_boom:render",
                "odd": "acme_fmt:NAME",
            }
        },
        {
            "acme_fmt": "NAME = 'x'\ndef render(result, **options):\n    return 'LOUD REPORT'\n",
            "acme_fmt_boom": BROKEN,
        },
    )
    with caplog.at_level(logging.WARNING):
        found = formats()
    assert render(None, "shout") == "LOUD REPORT"
    assert "broken" not in found and "odd" not in found and "json" in found
    text = messages(caplog)
    assert "format plugin broken failed to load: RuntimeError" in text
    assert "format plugin odd is not a function render(result, **options) -> str" in text


RULE = '''
from rules.base import Rule, Hit, Severity, example

class ShoutingRule(Rule):
    """A message in capitals.

    Flags a message written in capital letters.
    """

    code = "ACM901"
    name = "acme-shouting"
    severity = Severity.INFO
    why = "guidelines.md: shouting is not a permitted purpose."
    fix = "Write in sentence case."
    bad = (example("YOUR ORDER 113-1234567-1234567 HAS SHIPPED."),)
    good = (example("Your order 113-1234567-1234567 has shipped."),)

    def check(self, msg, ctx):
        if msg.body.strip().isupper():
            yield Hit("text", "capitals")
'''

DUPLICATE_RULE = RULE.replace("ShoutingRule", "Clash").replace("ACM901", "BSM101")


def test_rules(install_plugin, caches, caplog, monkeypatch):
    monkeypatch.setattr(rules_base, "_REGISTRY", dict(rules_base._REGISTRY))  # undone after
    install_plugin(
        "acme-rules",
        {
            "auditor.rules": {
                "shouting": "acme_rule",
                "broken": "acme_rule_boom",
                "clash": "acme_rule_clash",
            }
        },
        {"acme_rule": RULE, "acme_rule_boom": BROKEN, "acme_rule_clash": DUPLICATE_RULE},
    )
    with caplog.at_level(logging.WARNING):
        registry = rules_base.registry()
    assert registry["ACM901"].__name__ == "ShoutingRule"
    assert registry["BSM101"].__module__ == "rules.bsm101_important_subject"
    text = messages(caplog)
    assert "rule plugin broken failed to load: RuntimeError: plugin exploded" in text
    assert "rule plugin clash failed to load: RuleDefinitionError" in text
    assert "code BSM101 is taken" in text


def test_gate_checks(install_plugin, caplog):
    install_plugin(
        "acme-gate",
        {
            "auditor.gate_checks": {
                "friday": "acme_gate:no_mail_on_friday",
                "broken": "acme_gate_boom:check",
                "odd": "acme_gate:LIMIT",
            }
        },
        {
            "acme_gate": "LIMIT = 3\ndef no_mail_on_friday(msg, campaign, rcpts, gate):\n"
            "    return None\n",
            "acme_gate_boom": BROKEN,
        },
    )
    with caplog.at_level(logging.WARNING):
        checks = load_checks()
    assert do_not_solicit_check in checks
    assert [c.__name__ for c in checks if c.__module__ == "acme_gate"] == ["no_mail_on_friday"]
    text = messages(caplog)
    assert "gate check plugin broken failed to load: RuntimeError" in text
    assert "gate check plugin odd is not callable" in text
