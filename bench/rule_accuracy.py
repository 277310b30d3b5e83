"""Benchmark: precision and recall of the intent rules, per rule and language.

    python bench/rule_accuracy.py                         # the held-out set
    python bench/rule_accuracy.py --set amazon -v         # Amazon's own examples
    python bench/rule_accuracy.py --set bench/data/x.toml --rules BSM302

The held-out set (bench/data/rule_heldout.toml) holds templates written
before the rules of issue #12 part C were tuned and never used to tune them:
review gating and steering, feedback-change requests and cross-sell in plain
and non-native English and in German, French, Spanish, Italian and Japanese,
with clean look-alikes. Each case names the rules that must fire; every
other measured rule must stay silent. Each case is written out as a real
message and read back through the parser (``rules.examples``), then audited
by the real engine.

For each rule and language it prints true positives, false positives, false
negatives, precision and recall; ``-v`` lists every miss and false alarm.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules.base import Example, Sample  # noqa: E402
from rules.engine import Context, Engine  # noqa: E402
from rules.examples import example_messages  # noqa: E402

SETS = {
    "heldout": ROOT / "bench" / "data" / "rule_heldout.toml",
    "amazon": ROOT / "tests" / "amazon_examples",
    "unseen": ROOT / "bench" / "data" / "rule_unseen.toml",
    "unseen2": ROOT / "bench" / "data" / "rule_unseen2.toml",
    "unseen3": ROOT / "bench" / "data" / "rule_unseen3.toml",
    "clean": ROOT / "bench" / "data" / "rule_clean.toml",
}
MEASURED = ("BSM202", "BSM302", "BSM303")
#: Every per-message rule a case can exercise (``--rules all``): the
#: cross-message ones, attachments, the language and the order window need
#: more than one message or an envelope a case does not have.
ALL_MEASURED = (
    "BSM101",
    "BSM201",
    "BSM202",
    "BSM301",
    "BSM302",
    "BSM303",
    "BSM401",
    "BSM402",
    "BSM404",
    "BSM405",
    "BSM406",
    "BSM407",
    "BSM501",
    "BSM502",
    "BSM503",
    "BSM601",
    "BSM602",
)


def load(path: Path) -> list[dict]:
    """Cases of one TOML file, or of every ``*.toml`` in a directory; a case
    has ``lang``, ``text`` (optionally ``subject``, ``html``) and ``rules``."""
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    cases = []
    for file in files:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for raw in data.get("case", []) + data.get("example", []):
            # tests/amazon_examples/<lang>.toml: the file names the language
            lang = raw.get("lang", file.stem if len(file.stem) == 2 else "en")
            cases.append(dict(raw, file=file.name, lang=lang))
    return cases


def fired(case: dict, codes: tuple[str, ...]) -> set[str]:
    """The rules among ``codes`` that fire on ``case`` through the real engine."""
    fields = {key: case[key] for key in ("text", "subject", "html") if key in case}
    engine = Engine.from_settings(select=list(codes), context=Context())
    findings = []
    for msg in example_messages(Example((Sample(**fields),), lang=case.get("lang", "en"))):
        findings.extend(engine.check(msg, campaign="accuracy"))
    findings.extend(engine.finish())
    return {finding.rule for finding in findings}


def measure(cases: list[dict], codes: tuple[str, ...], verbose: bool) -> dict:
    """``{(rule, lang): [tp, fp, fn]}`` over ``cases``; prints misses when verbose."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in cases:
        expected = set(case.get("rules", [])) & set(codes)
        got = fired(case, codes)
        lang = case.get("lang", "en")
        for code in codes:
            row, total = counts[(code, lang)], counts[(code, "all")]
            if code in expected and code in got:
                row[0] += 1
                total[0] += 1
            elif code in got:
                row[1] += 1
                total[1] += 1
                if verbose:
                    print(f"  false alarm {code} [{lang}] {case['text'][:110]!r}")
            elif code in expected:
                row[2] += 1
                total[2] += 1
                if verbose:
                    print(f"  missed      {code} [{lang}] {case['text'][:110]!r}")
    return counts


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.2f}" if whole else "     -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        default="heldout",
        help="heldout, amazon, unseen, unseen2, unseen3, clean, or a TOML file or folder of cases",
    )
    parser.add_argument(
        "--rules", nargs="*", default=list(MEASURED), help="codes, or 'all' (ALL_MEASURED)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    path = SETS.get(args.set, Path(args.set))
    cases = load(path)
    codes = ALL_MEASURED if args.rules == ["all"] else tuple(args.rules)
    counts = measure(cases, codes, args.verbose)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"{len(cases)} cases from {shown}")
    print(f"{'rule':8} {'lang':4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}")
    for code in codes:
        langs = sorted({lang for (c, lang) in counts if c == code and lang != "all"})
        for lang in [*langs, "all"]:
            tp, fp, fn = counts[(code, lang)]
            precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
            print(f"{code:8} {lang:4} {tp:4} {fp:4} {fn:4} {precision} {recall}")


if __name__ == "__main__":
    main()
