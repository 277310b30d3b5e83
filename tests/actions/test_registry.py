"""The action-type registry: built-ins, entry-point plugins, broken plugins."""

from __future__ import annotations

import json
import logging
from importlib.metadata import EntryPoint

import pytest

from auditor.actions import (
    GROUP,
    action_types,
    configured_actions,
    deliver_pending,
    get_action_type,
    validate_actions,
)
from auditor.actions import registry as registry_module
from auditor.config import SCHEMA, Config, validate
from auditor.errors import ConfigError
from tests.actions.conftest import NOW, add_rows, config, event
from tests.plugin_dist import install_plugin_fixture  # noqa: F401 - install_plugin


@pytest.fixture
def plugins(install_plugin):
    """Install these entry points (a real distribution on sys.path); the
    registry is rebuilt around the test."""

    def install(*eps: EntryPoint) -> None:
        groups: dict[str, dict[str, str]] = {}
        for ep in eps:
            groups.setdefault(ep.group, {})[ep.name] = ep.value
        install_plugin("auditor-test-actions", groups)
        action_types.cache_clear()

    yield install
    action_types.cache_clear()


def test_builtins_have_one_shape():
    types = action_types()
    assert {"webhook", "command", "email"} <= set(types)
    for deliver in types.values():
        assert callable(deliver) and deliver.__doc__
        assert list(deliver.__code__.co_varnames[:2]) == ["event", "settings"]


def test_plugin_loaded_and_broken_ones_skipped_with_a_warning(plugins, caplog, store, tmp_path):
    plugins(
        EntryPoint("journal", "tests.actions.sample_plugin:deliver", GROUP),
        EntryPoint("broken", "no_such_module_for_auditor:deliver", GROUP),
        EntryPoint("odd", "tests.actions.sample_plugin:NotAnAction", GROUP),
        EntryPoint("webhook", "no_such_module_for_auditor:deliver", GROUP),  # built-in wins
        EntryPoint("other", "tests.actions.sample_plugin:deliver", "auditor.formats"),
    )
    with caplog.at_level(logging.WARNING, logger="auditor.actions.registry"):
        types = action_types()
    assert "journal" in types and "broken" not in types and "odd" not in types
    assert "other" not in types
    assert types["webhook"] is registry_module._builtins()["webhook"]
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "action plugin broken failed to load" in messages
    assert "action plugin odd has no deliver" in messages

    journal = tmp_path / "journal.jsonl"
    add_rows(store, "j", event("k-plugin"))
    report = deliver_pending(
        store, config({"type": "journal", "name": "j", "options": {"path": str(journal)}}), now=NOW
    )
    assert report.delivered == 1
    assert json.loads(journal.read_text())["idempotency_key"] == "k-plugin"


def test_unknown_type():
    from auditor.actions import ActionError

    with pytest.raises(ActionError, match="unknown action type 'pager'"):
        get_action_type("pager")


def test_unnamed_actions_are_named_like_the_cycle_names_them():
    from auditor.cycle import action_names

    cfg = config(
        {"type": "webhook", "url": "http://x"},
        {"type": "command", "name": "tool", "command": ["true"]},
        {"type": "webhook", "url": "http://y"},
    )
    assert list(configured_actions(cfg)) == ["webhook-0", "tool", "webhook-2"]
    assert list(configured_actions(cfg)) == action_names(cfg)


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"type": "pager"}, "actions[0].type: unknown action type 'pager'"),
        ({"type": "webhook"}, "actions[0].url or url_env: missing"),
        ({"type": "command"}, "actions[0].command: missing"),
        ({"type": "email", "to": ["a@b.example"]}, "actions[0].from: missing"),
        ({"name": "x"}, "actions[0].type: missing"),
    ],
)
def test_validate_actions(action, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_actions(Config(data={"actions": [action]}, path=None))


def test_schema_accepts_the_new_keys_and_plugin_types():
    data = {
        "actions": [
            {
                "type": "webhook",
                "name": "a",
                "url_env": "U",
                "headers": {"X": "y"},
                "headers_env": {"Authorization": "T"},
                "ca_file": "/ca.pem",
                "timeout": 5,
                "events": ["campaign.*"],
            },
            {
                "type": "email",
                "name": "b",
                "to": ["o@x.example"],
                "from": "a@x.example",
                "smtp_host": "smtp.x.example",
                "smtp_security": "plain",
                "allow_plaintext": True,
            },
            {"type": "command", "name": "c", "command": ["x"], "cwd": "/tmp"},
            {"type": "journal", "name": "d", "options": {"path": "/tmp/j", "level": 3}},
        ]
    }
    validate(data, SCHEMA, "auditor.toml")
    with pytest.raises(ConfigError, match="secrets are never read"):
        validate({"actions": [{"type": "email", "smtp_password": "x"}]}, SCHEMA, "auditor.toml")
