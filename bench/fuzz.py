"""Fuzz the parser, the rules and notice detection for longer than CI does.

Runs the generators of ``tests/hardening`` (the hostile catalogue once, then
the seeded structural generator, byte-level mutation of the sample corpus (tests/corpus)
and, optionally, the hypothesis message strategy) through the same pipeline
and properties as ``tests/hardening/test_fuzz.py``: parse, classify, every
rule, notice detection; nothing but MessageError may escape and every text
out must be clean UTF-8. Prints messages fuzzed, crashes, rejected, the
time per message and the peak RSS; each crashing input is saved for replay.

Run from the repository root::

    python bench/fuzz.py --messages 100000
    python bench/fuzz.py --seconds 600 --seed 7 --json out/fuzz.json
    python bench/fuzz.py --messages 2000 --hypothesis 500 --crash-dir out/crashes

Replay a saved crash with ``python bench/fuzz.py --replay out/crashes/FILE``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules.engine import Engine  # noqa: E402
from tests.hardening.fuzzing import Crash, finish, run_one  # noqa: E402
from tests.hardening.hostile import MailFactory, catalogue, mutate, splice  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def rss_mb() -> float:
    """Current resident set size (Linux), else the peak so far."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mutation_seeds(corpus: Path) -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted(corpus.glob("*.eml"))] if corpus.is_dir() else []
    return seeds + [item.data for item in catalogue() if len(item.data) < 20_000]


def inputs(args: argparse.Namespace):
    """(generator name, bytes) until the budget is spent."""
    for item in catalogue():
        yield "hostile", item.data
    factory = MailFactory(args.seed)
    rng = random.Random(args.seed + 1)
    seeds = mutation_seeds(args.corpus)
    while True:
        if seeds and rng.random() < args.mutation_share:
            base = rng.choice(seeds)
            if rng.random() < 0.1:
                yield "mutation", splice(base, rng.choice(seeds), rng)
            else:
                yield "mutation", mutate(base, rng)
        else:
            yield "structural", factory.message().data


def run_hypothesis(examples: int, engine: Engine, counts: Counter, crashes: list) -> None:
    """The hypothesis message strategy of test_fuzz, ``examples`` times."""
    from hypothesis import HealthCheck, given, settings

    from tests.hardening.test_fuzz import message

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=message())
    def one(data: bytes) -> None:
        counts["hypothesis"] += 1
        try:
            run_one(data, engine)
        except Crash as crash:
            crashes.append(crash)

    one()


def save(crash: Crash, directory: Path | None, number: int) -> str | None:
    if directory is None:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"crash-{number:04d}-{crash.stage}.eml"
    path.write_bytes(crash.data)
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000, help="messages to generate")
    parser.add_argument("--seconds", type=float, help="time budget instead of --messages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--mutation-share",
        type=float,
        default=0.25,
        help="share of mutated corpus messages (the rest: structural)",
    )
    parser.add_argument(
        "--hypothesis",
        type=int,
        default=0,
        help="also run the hypothesis message strategy this many times",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--crash-dir", type=Path, help="save each crashing input here")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here too")
    parser.add_argument("--replay", type=Path, help="run one saved input and show the error")
    args = parser.parse_args(argv)

    engine = Engine.from_settings()
    if args.replay:
        try:
            msg = run_one(args.replay.read_bytes(), engine)
        except Crash as crash:
            print(f"crash in {crash.stage}: {crash.__cause__!r}")
            raise crash.__cause__ from None
        print("no crash" + (" (rejected: MessageError)" if msg is None else ""))
        return 0

    counts: Counter = Counter()
    rejected = 0
    crashes: list[Crash] = []
    start_rss = rss_mb()
    started = time.monotonic()
    deadline = started + args.seconds if args.seconds else None
    total = 0
    for total, (name, data) in enumerate(inputs(args), 1):
        counts[name] += 1
        try:
            if run_one(data, engine, str(total)) is None:
                rejected += 1
        except Crash as crash:
            crashes.append(crash)
        if total % 1000 == 0:
            try:
                finish(engine)
            except Crash as crash:
                crashes.append(crash)
            engine = Engine.from_settings()
            elapsed = time.monotonic() - started
            print(
                f"  {total:>8} messages  {elapsed:7.1f} s  rss {rss_mb():6.0f} MB  "
                f"crashes {len(crashes)}",
                file=sys.stderr,
            )
        if deadline is not None and time.monotonic() >= deadline:
            break
        if deadline is None and total >= args.messages:
            break
    if args.hypothesis:
        run_hypothesis(args.hypothesis, engine, counts, crashes)
    elapsed = time.monotonic() - started
    fuzzed = sum(counts.values())
    figures = {
        "messages_fuzzed": fuzzed,
        "by_generator": dict(counts),
        "rejected_with_MessageError": rejected,
        "crashes": len(crashes),
        "crash_stages": dict(Counter(c.stage for c in crashes)),
        "crash_files": [save(c, args.crash_dir, n) for n, c in enumerate(crashes, 1)],
        "seconds": round(elapsed, 1),
        "ms_per_message": round(elapsed / max(fuzzed, 1) * 1000, 2),
        "rss_start_mb": round(start_rss, 1),
        "rss_end_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "seed": args.seed,
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        if key != "crash_files" or any(value):
            print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    for crash in crashes[:5]:
        print(f"crash: {crash}", file=sys.stderr)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
