"""Notice-kind accuracy on a labelled set of mails, per kind and per language.

    python bench/notice_accuracy.py [--set tests/notices/unseen] [--json FILE] [--misses]

The set is a directory of .eml files and an ``expected.json`` list of
``{"file", "kind", "lang", ...}`` (optionally ``ends_at``, ``asins``,
``order_ids``, ``complaint_ids``). Prints accuracy per kind and per
language, the confusions, and the *dangerous* errors: a notice that bears bad
news (a complaint, a restriction, a deactivation, a refused appeal …) read as
good news (retraction, cleared, reinstated, appeal received) — the worst error
for a seller. ``--misses`` lists every wrong mail with its evidence sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.message import parse_message  # noqa: E402
from auditor.message.classify import enrich  # noqa: E402
from auditor.notices import detect  # noqa: E402
from auditor.notices.groups import GOOD_NEWS_KINDS  # noqa: E402

#: Kinds that tell the seller something got better.
GOOD_NEWS = GOOD_NEWS_KINDS
#: Kinds that tell the seller something got worse (or stayed bad).
BAD_NEWS = {
    "messaging_restriction",
    "templates_only_restriction",
    "ip_complaint",
    "account_at_risk",
    "account_deactivated",
    "appeal_decision",
    "policy_warning",
    "message_blocked",
    "message_undelivered",
    "buyer_opt_out",
}


def dangerous(expected: str, got: str) -> bool:
    """Bad news read as good news."""
    return expected in BAD_NEWS and got in GOOD_NEWS


def _end_date(notice, raw: bytes) -> str | None:
    """The day a notice's restriction ends, as the labels write it: a stated
    length counts from the notice's Date in the sender's own time zone (the
    same instant as in UTC, but near midnight another calendar day); a
    stated end date is that date."""
    if notice.ends_at is None:
        return None
    ends = notice.ends_at
    if notice.duration is not None:
        sent = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Date")
        try:
            local = parsedate_to_datetime(str(sent)) if sent else None
        except (TypeError, ValueError, IndexError, OverflowError):
            local = None
        if local is not None and local.tzinfo is not None:
            ends = ends.astimezone(local.tzinfo)
    return ends.date().isoformat()


def evaluate(folder: Path) -> dict:
    cases = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    rows = []
    for case in cases:
        raw = (folder / case["file"]).read_bytes()
        msg = enrich(parse_message(raw, str(folder), case["file"]))
        notice = detect(msg, raw=raw)
        got = notice.kind.value if notice else "none"
        row = {
            "file": case["file"],
            "lang": case["lang"],
            "expected": case["kind"],
            "got": got,
            "evidence": notice.evidence if notice else "",
        }
        if notice and "ends_at" in case:
            row["ends_at_ok"] = _end_date(notice, raw) == case["ends_at"]
        rows.append(row)
    return {"rows": rows}


def _table(title: str, groups: dict[str, list[dict]]) -> list[str]:
    out = [f"{title:<28} {'ok':>4} {'n':>4} {'accuracy':>9}"]
    for name in sorted(groups):
        rows = groups[name]
        ok = sum(r["expected"] == r["got"] for r in rows)
        out.append(f"{name:<28} {ok:>4} {len(rows):>4} {ok / len(rows):>9.1%}")
    return out


def report(result: dict, misses: bool = False) -> str:
    rows = result["rows"]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[row["expected"]].append(row)
        by_lang[row["lang"]].append(row)
    ok = sum(r["expected"] == r["got"] for r in rows)
    lines = [f"mails: {len(rows)}  correct: {ok}  accuracy: {ok / len(rows):.1%}", ""]
    lines += [*_table("kind", by_kind), "", *_table("language", by_lang), ""]
    confusions = Counter((r["expected"], r["got"]) for r in rows if r["expected"] != r["got"])
    lines.append("confusions (expected -> got: count):")
    lines += [f"  {e} -> {g}: {n}" for (e, g), n in confusions.most_common()] or ["  none"]
    danger = [r for r in rows if dangerous(r["expected"], r["got"])]
    lines.append(f"dangerous (bad news read as good news): {len(danger)}")
    lines += [f"  {r['file']}: {r['expected']} -> {r['got']}" for r in danger]
    periods = [r for r in rows if "ends_at_ok" in r]
    if periods:
        good = sum(r["ends_at_ok"] for r in periods)
        lines.append(f"periods (ends_at) right: {good}/{len(periods)}")
    if misses:
        lines.append("")
        lines.append("misses:")
        for r in rows:
            if r["expected"] != r["got"]:
                lines.append(f"  {r['file']}: {r['expected']} -> {r['got']} | {r['evidence']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default=str(ROOT / "tests" / "notices" / "unseen"))
    parser.add_argument("--json", help="write the per-mail results to this file")
    parser.add_argument("--misses", action="store_true", help="list every wrong mail")
    args = parser.parse_args(argv)
    result = evaluate(Path(args.set))
    print(report(result, args.misses))
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
