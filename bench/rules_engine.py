"""Benchmark: the rules engine alone, on messages parsed beforehand.

    python bench/rules_engine.py                       # 20,000 messages
    python bench/rules_engine.py --messages 5000 --profile bench/out/profile.txt

Reads N messages of a generated mbox (bench/generate.py, cached under
bench/out/), parses and classifies each as the audit does
(``parse_message`` + ``enrich``, the campaign from the ``Grouper``), then
times only the engine: ``Engine.from_settings()``, ``engine.check(msg,
campaign)`` per message and ``engine.finish()``. It prints messages/s and
findings/s, the ratio of the engine's time to the parse it needed (how the
audit's time divides between parsing and rules), and a table of the time
per rule (every rule's ``cache_key``, ``check``, ``observe`` and ``finish``
wrapped with a timer, in a second pass; the engine's own overhead is the
difference). Module-level memos of the rules are cleared before each pass,
as a fresh process starts without them.

``--profile FILE`` runs a third pass under pyinstrument and writes its text
profile (``--profile-all`` profiles parse + rules, i.e. the audit's
per-message work, instead of the rules alone).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import benchlib
from generate import ensure_mbox

from auditor.campaigns.grouping import Grouper
from auditor.message.classify import enrich
from auditor.message.model import Kind, Message
from auditor.message.parse import parse_message
from connectors.files import MboxConnector
from rules.engine import Engine


def clear_memos() -> None:
    """Forget what rules memoised per template in earlier passes."""
    for name, module in list(sys.modules.items()):
        if name == "rules" or name.startswith(("rules.", "auditor.message.")):
            for attribute in ("_MEMO", "_memo"):
                memo = getattr(module, attribute, None)
                if isinstance(memo, dict):
                    memo.clear()


def parse_all(path: Path, count: int) -> tuple[list[tuple[Message, str | None]], benchlib.Timer]:
    """The first ``count`` messages of ``path``, parsed, classified and grouped."""
    grouper = Grouper([], "config")
    parsed: list[tuple[Message, str | None]] = []
    with benchlib.Timer() as timer, MboxConnector(str(path)) as source:
        for raw in source.messages():
            msg = enrich(parse_message(raw.data, raw.source, raw.key))
            campaign = grouper.assign(msg) if msg.kind is Kind.SENT else None
            parsed.append((msg, campaign))
            if len(parsed) >= count:
                break
    return parsed, timer


def run_engine(parsed: list[tuple[Message, str | None]]) -> tuple[int, benchlib.Timer, float]:
    """(findings, time of check + finish, wall seconds in finish) for one fresh engine."""
    clear_memos()
    gc.collect()
    engine = Engine.from_settings()
    findings = 0
    with benchlib.Timer() as timer:
        for msg, campaign in parsed:
            findings += len(engine.check(msg, campaign))
        checked = time.perf_counter()
        findings += len(engine.finish())
        finish = time.perf_counter() - checked
    return findings, timer, finish


class RuleTimer:
    """Wraps one rule instance's methods to add up their time and calls."""

    def __init__(self, rule: Any) -> None:
        self.code = rule.code
        self.cross = bool(rule.cross_message)
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.hits = 0
        for method in ("cache_key", "check", "observe", "finish"):
            setattr(rule, method, self._wrap(method, getattr(rule, method)))

    def _wrap(self, method: str, func: Any) -> Any:
        clock = time.perf_counter
        seconds, calls = self.seconds, self.calls
        consume = method in ("check", "finish")

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = clock()
            result = func(*args, **kwargs)
            if consume:  # check() and finish() may be generators: run them here
                result = list(result)
                self.hits += len(result)
            seconds[method] += clock() - started
            calls[method] += 1
            return result

        return timed

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def per_rule(parsed: list[tuple[Message, str | None]]) -> tuple[list[RuleTimer], float, int]:
    clear_memos()
    gc.collect()
    engine = Engine.from_settings()
    timers = [RuleTimer(rule) for rule in engine.rules]
    findings = 0
    started = time.perf_counter()
    for msg, campaign in parsed:
        findings += len(engine.check(msg, campaign))
    findings += len(engine.finish())
    return timers, time.perf_counter() - started, findings


def profile(
    parsed: list[tuple[Message, str | None]], path: Path, count: int, whole: bool, source: Path
) -> None:
    from pyinstrument import Profiler

    clear_memos()
    gc.collect()
    profiler = Profiler(interval=0.0005)
    if whole:
        grouper = Grouper([], "config")
        engine = Engine.from_settings()
        profiler.start()
        with MboxConnector(str(source)) as mbox:
            for index, raw in enumerate(mbox.messages()):
                if index >= count:
                    break
                msg = enrich(parse_message(raw.data, raw.source, raw.key))
                campaign = grouper.assign(msg) if msg.kind is Kind.SENT else None
                engine.check(msg, campaign)
        engine.finish()
    else:
        engine = Engine.from_settings()
        profiler.start()
        for msg, campaign in parsed:
            engine.check(msg, campaign)
        engine.finish()
    profiler.stop()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"wrote profile {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="timed passes; the best is kept")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument text profile here")
    parser.add_argument(
        "--profile-all",
        action="store_true",
        help="profile parse + classify + rules, not the rules alone",
    )
    parser.add_argument("--json", help="write the figures to this file too")
    args = parser.parse_args()

    if args.profile and importlib.util.find_spec("pyinstrument") is None:
        parser.error("--profile needs pyinstrument: pip install pyinstrument")
    info = benchlib.machine()
    path = ensure_mbox(args.messages, args.seed)
    parsed, parse = parse_all(path, args.messages)
    count = len(parsed)
    sent = sum(1 for msg, _ in parsed if msg.kind is Kind.SENT)
    print(
        f"parsed {count} messages ({sent} sent) from {path} in {parse.wall:.2f} s "
        f"({count / parse.wall:.0f}/s; cpu {parse.cpu:.2f} s)",
        flush=True,
    )

    passes = [run_engine(parsed) for _ in range(max(1, args.repeat))]
    findings, engine, finish_seconds = min(passes, key=lambda p: p[1].wall)
    seconds = engine.wall
    timers, wrapped_seconds, wrapped_findings = per_rule(parsed)

    print()
    print(
        f"{'rule':9}{'checks':>8}{'cached':>8}{'hits':>7}{'check ms':>10}{'key ms':>9}"
        f"{'obs+fin ms':>11}{'µs/msg':>8}{'share':>7}"
    )
    rule_rows = []
    for timer in sorted(timers, key=lambda t: t.total, reverse=True):
        keys, checks = timer.calls["cache_key"], timer.calls["check"]
        cross_ms = (timer.seconds["observe"] + timer.seconds["finish"]) * 1000
        row = {
            "rule": timer.code,
            "checks": checks if not timer.cross else timer.calls["observe"],
            "cached": max(0, keys - checks),
            "hits": timer.hits,
            "check_ms": round(timer.seconds["check"] * 1000, 1),
            "cache_key_ms": round(timer.seconds["cache_key"] * 1000, 1),
            "observe_finish_ms": round(cross_ms, 1),
            "us_per_message": round(timer.total / count * 1e6, 1),
            "share": round(timer.total / wrapped_seconds, 4),
        }
        rule_rows.append(row)
        print(
            f"{row['rule']:9}{row['checks']:>8}{row['cached']:>8}{row['hits']:>7}"
            f"{row['check_ms']:>10.1f}{row['cache_key_ms']:>9.1f}{cross_ms:>11.1f}"
            f"{row['us_per_message']:>8.1f}{row['share']:>7.1%}"
        )
    in_rules = sum(t.total for t in timers)
    overhead = wrapped_seconds - in_rules
    print(
        f"{'engine':9}{'':>8}{'':>8}{'':>7}{'':>10}{'':>9}{'':>11}"
        f"{overhead / count * 1e6:>8.1f}{overhead / wrapped_seconds:>7.1%}"
        "   (View, template key, findings, timers)"
    )
    print()
    results: dict[str, Any] = {
        "benchmark": "rules_engine",
        "command": benchlib.command_line(),
        "machine": info,
        "messages": count,
        "sent_messages": sent,
        "findings": findings,
        "parse_seconds": round(parse.wall, 3),
        "parse_cpu_seconds": round(parse.cpu, 3),
        "parse_messages_per_second": benchlib.rate(count, parse.wall),
        "parse_messages_per_cpu_second": benchlib.rate(count, parse.cpu),
        "engine_seconds": round(seconds, 3),
        "engine_cpu_seconds": round(engine.cpu, 3),
        "finish_seconds": round(finish_seconds, 3),
        "messages_per_second": benchlib.rate(count, seconds),
        "messages_per_cpu_second": benchlib.rate(count, engine.cpu),
        "findings_per_second": benchlib.rate(findings, seconds),
        "findings_per_cpu_second": benchlib.rate(findings, engine.cpu),
        "wrapped_seconds": round(wrapped_seconds, 3),
        "rules": rule_rows,
    }
    if wrapped_findings != findings:
        print(f"warning: the timed pass found {findings}, the wrapped one {wrapped_findings}")
    print(
        f"rules engine: {count} messages in {seconds:.2f} s (cpu {engine.cpu:.2f} s): "
        f"{results['messages_per_second']:.0f} messages/s, "
        f"{findings} findings ({results['findings_per_second']:.0f} findings/s); "
        f"per CPU second {results['messages_per_cpu_second']:.0f} messages, "
        f"{results['findings_per_cpu_second']:.0f} findings"
    )
    print(
        f"parse + classify: {results['parse_messages_per_second']:.0f} messages/s "
        f"({results['parse_messages_per_cpu_second']:.0f} per CPU second)"
    )
    share = engine.cpu / (engine.cpu + parse.cpu)
    results["ratio"] = round(share, 4)
    print(
        f"ratio rules/(parse+rules): {share:.3f} (no target: the rules' share of the "
        "per-message CPU time)"
    )
    print(benchlib.machine_line(info))
    if args.profile:
        profile(parsed, args.profile, count, args.profile_all, path)
        results["profile"] = str(args.profile)
    benchlib.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
