"""``--jobs``: worker processes give the same audit as one process.

Real worker processes (spawned interpreters) on a generated benchmark
mailbox, the shipped corpus and hostile mail; the reports must be equal,
findings in the same order, notices, campaigns, errors and all.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from auditor.audit import Auditor
from auditor.config import Config
from auditor.pool import STATS, WORKER_PEAKS_KIB, Pool, default_jobs
from tests.hardening.hostile import write_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def mailbox(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import ensure_mbox
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return ensure_mbox(1200, seed=13, directory=tmp_path_factory.mktemp("bench"))


def report(sources: list[str], jobs: int, store=None) -> dict:
    auditor = Auditor(Config(), store, jobs=jobs)
    auditor.pool_start = 0  # workers from the first message on
    result = auditor.audit(sources)
    data = result.to_dict()
    data.pop("generated_at")
    return json.loads(json.dumps(data, default=str))


def test_two_processes_give_the_audit_of_one(mailbox, tmp_path, monkeypatch):
    monkeypatch.setattr(Pool, "wait_for_workers", True)
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    write_corpus(hostile)
    sources = [str(mailbox), str(CORPUS), str(hostile)]
    before, batches = len(WORKER_PEAKS_KIB), STATS["worker_batches"]
    one, two = report(sources, 1), report(sources, 2)
    assert len(WORKER_PEAKS_KIB) == before + 1  # a worker did run, and ended
    assert STATS["worker_batches"] > batches  # and analysed mail
    assert one["summary"]["messages"] > 1200 and one["findings"] and one["notices"]
    assert one["errors"]  # hostile mail: unreadable and damaged messages listed
    assert [f["message_id"] for f in two["findings"]] == [f["message_id"] for f in one["findings"]]
    assert two == one


def test_jobs_on_the_command_line(cli, tmp_path):
    status_one, out_one, _ = cli("audit", CORPUS, "--no-store", "--format", "json", "--jobs", "1")
    status_two, out_two, _ = cli("audit", CORPUS, "--no-store", "--format", "json", "--jobs", "2")
    one, two = json.loads(out_one), json.loads(out_two)
    one.pop("generated_at"), two.pop("generated_at")
    assert status_one == status_two and one == two
    status, _, err = cli("audit", CORPUS, "--no-store", "--jobs", "0")
    assert status == 2 and "--jobs" in err


def test_default_is_the_cores():
    assert default_jobs() >= 1


def test_workers_get_no_account_or_store_settings():
    config = Config(
        data={
            "accounts": {"shop": {"host": "imap.example", "password": "s3cret-pw"}},
            "store": {"url": "sqlite:///x.db"},
            "rules": {"options": {}},
        }
    )
    auditor = Auditor(config, None, jobs=2)
    settings = Pool(auditor, auditor.engine(None), 2).worker_settings()
    assert "accounts" not in settings["config"].data
    assert "store" not in settings["config"].data
    assert settings["config"].data["rules"] == {"options": {}}
    assert "s3cret-pw" not in repr(settings)
    assert auditor.config.accounts  # the main process's config is untouched


def test_a_worker_does_its_work_without_the_store_code():
    """What a worker runs (an Auditor from worker_settings, its engine,
    analyse on mail) loads no SQLAlchemy: that library alone is about a
    quarter of a worker's memory, and workers never touch the store."""
    import subprocess

    script = (
        "import sys\n"
        "from auditor.audit import Auditor\n"
        "from auditor.config import Config\n"
        "from auditor.pool import analyse\n"
        "auditor = Auditor(Config())\n"
        "engine = auditor.engine(None)\n"
        "done = [analyse(p.read_bytes(), str(p), '1', auditor, engine) for p in\n"
        f"        sorted(__import__('pathlib').Path({str(CORPUS)!r}).glob('*.eml'))]\n"
        "assert all(a.message is not None for a in done), 'corpus unread'\n"
        "print(sum(len(a.findings) for a in done), 'sqlalchemy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(out[0]) > 0  # the rules ran
    assert out[1] == "False"


def test_a_worker_sends_back_a_sent_message_without_what_only_it_read():
    """``slim``: a sent message's headers, HTML, CSS, masked texts, links,
    images and attachments stay in the worker (half the pickled result);
    what the main process reads stays, and received mail stays whole."""
    import pickle

    from auditor.message.model import Kind
    from auditor.pool import analyse, slim

    auditor = Auditor(Config())
    engine = auditor.engine(None)
    done = [
        analyse(p.read_bytes(), str(p), "1", auditor, engine) for p in sorted(CORPUS.rglob("*.eml"))
    ]
    sent = [a for a in done if a.message is not None and a.message.kind is Kind.SENT]
    received = [a for a in done if a.message is not None and a.message.kind is not Kind.SENT]
    assert sent and received
    assert any(a.message.html and a.message.headers for a in sent)
    kept = [(a.message.text, a.message.html_text, a.message.subject, a.message.to) for a in sent]
    whole = [pickle.dumps(a.message) for a in received]
    before = sum(len(pickle.dumps(a)) for a in sent)
    for a in done:
        slim(a)
    assert all(not (a.message.headers or a.message.html or a.message.links) for a in sent)
    assert [
        (a.message.text, a.message.html_text, a.message.subject, a.message.to) for a in sent
    ] == kept
    assert [pickle.dumps(a.message) for a in received] == whole
    assert sum(len(pickle.dumps(a)) for a in sent) < 0.8 * before


@pytest.mark.parametrize("bigger", [True, False])
def test_a_big_mailbox_starts_the_workers_at_once(mailbox, monkeypatch, bigger):
    """A source that says it is big (an mbox's size) starts the workers at
    its first batch, not after ``pool_start`` messages; a small one never."""
    monkeypatch.setattr(Pool, "wait_for_workers", True)
    auditor = Auditor(Config(), None, jobs=2)
    auditor.pool_start = 10**9  # never by the count of messages read
    size = mailbox.stat().st_size
    auditor.pool_start_bytes = size - 1 if bigger else size
    before, batches = len(WORKER_PEAKS_KIB), STATS["worker_batches"]
    result = auditor.audit([str(mailbox)])
    assert result.messages == 1200
    assert len(WORKER_PEAKS_KIB) == before + bigger
    assert (STATS["worker_batches"] > batches) is bigger


def test_expect_counts_messages_or_bytes():
    auditor = Auditor(Config(), None, jobs=2)
    pool = Pool(auditor, auditor.engine(), 2, start_after=100, start_above_bytes=1000)
    pool.expect(None, None)
    pool.expect(100, 1000)
    assert not pool._big
    pool.expect(101, None)
    assert pool._big
    pool._big = False
    pool.expect(None, 1001)
    assert pool._big


def test_the_rules_view_of_a_message_comes_back_with_it(monkeypatch):
    """The sections the per-message rules worked out (quotes and footers cut)
    come back with the analysis, so the cross-message rules in the main
    process do not cut them again; they are the ones a fresh view gives."""
    import rules.text
    from auditor.message.model import Kind
    from auditor.pool import analyse
    from rules.text import View

    auditor = Auditor(Config())
    engine = auditor.engine(None)
    done = [
        analyse(p.read_bytes(), str(p), "1", auditor, engine) for p in sorted(CORPUS.rglob("*.eml"))
    ]
    sent = [a for a in done if a.message is not None and a.message.kind is Kind.SENT]
    assert sent and all(a.sections for a in sent)
    for a in sent:
        assert a.sections[(False,)] == View(a.message).sections()
    calls = []
    monkeypatch.setattr(rules.text, "own_text", lambda *args: calls.append(args) or "")
    engine.observe(sent[0].message, sent[0].campaign, sent[0].sections)
    assert engine.context.view.sections() == sent[0].sections[(False,)]
    assert calls == []  # nothing worked out again


def test_the_message_loop_collects_less_often_and_restores_the_collector():
    import gc

    from auditor.pool import AUDIT_GC_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    assert before != AUDIT_GC_THRESHOLD
    seen = [gc.get_threshold() for _ in fewer_collections(range(3))]
    assert seen == [AUDIT_GC_THRESHOLD] * 3
    assert gc.get_threshold() == before

    def failing():
        yield 1
        raise ValueError("a source failed")

    with pytest.raises(ValueError):
        for _ in fewer_collections(failing()):
            assert gc.get_threshold() == AUDIT_GC_THRESHOLD
    assert gc.get_threshold() == before
