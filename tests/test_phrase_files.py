"""Every phrase data file's own examples, and the loader (auditor.phrases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import phrases
from auditor.phrases import PhraseFileError, discover, load

ROOT = Path(__file__).resolve().parent.parent
PHRASE_FILES = [path for top in ("auditor", "rules") for path in discover(ROOT / top)]


def _cases() -> list[tuple[Path, str]]:
    cases = []
    for path in PHRASE_FILES:
        for lang in load(path).languages:
            cases.append((path, lang))
    return cases


@pytest.mark.parametrize(
    ("path", "lang"),
    _cases(),
    ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v,
)
def test_phrase_file_examples(path: Path, lang: str) -> None:
    """Every ``match`` sentence is found and no ``no_match`` sentence is,
    in that language (and only with that language's phrases)."""
    problems = load(path).check_examples(lang)
    assert not problems, "\n".join(problems)


def _write(tmp_path: Path, text: str, name: str = "kind.toml") -> Path:
    folder = tmp_path / "pkg" / "phrases"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
doc = "Amazon restricted proactive messaging."

[en]
decision = ["restricted … proactive messag", "(?:can|may) no longer send … buyers"]
subject = ["messaging restriction"]
match = ["We have restricted your account from sending\\n proactive messages."]
no_match = ["If you keep doing this. Proactive messages may be restricted."]

[de]
decision = ["proaktive nachrichten … (?:gesperrt|eingeschränkt)"]
match = { decision = ["Proaktive Nachrichten wurden für Ihr Konto gesperrt."] }
no_match = { decision = ["Ihr Konto ist gesperrt. Proaktive Nachrichten sind nicht betroffen."] }
"""


def test_load_compiles_groups_per_language(tmp_path: Path) -> None:
    ps = load(_write(tmp_path, GOOD))
    assert ps.doc == "Amazon restricted proactive messaging."
    assert ps.languages == ("en", "de")
    assert ps.groups("en") == ("decision", "subject")
    assert ps.groups() == ("decision", "subject")
    assert ps.name == "kind"
    assert ps.check_examples() == []
    text = "Hello. You MAY NO LONGER SEND  unsolicited mail to buyers."
    match = ps.find(text)
    assert match is not None and match.group(0).lower().startswith("may no longer")
    hit = ps.locate(text)
    assert hit is not None and (hit.lang, hit.group) == ("en", "decision")
    assert ps.find(text, lang="de") is None
    assert ps.find(text, group="subject") is None
    assert ps.find("Messaging  Restriction", group="subject", lang=["en", "fr"]) is not None


def test_gap_stays_within_one_sentence(tmp_path: Path) -> None:
    ps = load(_write(tmp_path, GOOD))
    assert ps.find("We restricted it. Proactive messages are fine.") is None
    assert ps.find("We restricted it, said no and\n\nmore proactive messages") is None
    assert ps.find("We restricted it, said no and\nmore proactive messages") is not None
    assert ps.find("We have restricted proactive messaging.") is not None
    # a dot inside a date or domain does not end the sentence
    assert ps.find("We restricted on 15.12.2026 at Amazon.de your proactive messaging") is not None
    assert ps.find("restricted " + "x" * 81 + " proactive messages") is None


def test_finditer_and_hits_in_text_order(tmp_path: Path) -> None:
    ps = load(_write(tmp_path, GOOD))
    text = (
        "Proaktive Nachrichten sind gesperrt.\n"
        "We have restricted proactive messages. Messaging restriction applies."
    )
    hits = list(ps.hits(text))
    assert [(h.lang, h.group) for h in hits] == [
        ("de", "decision"),
        ("en", "decision"),
        ("en", "subject"),
    ]
    assert [m.start() for m in ps.finditer(text)] == sorted(m.start() for m in ps.finditer(text))
    assert hits[0].text.startswith("Proaktive")


def test_examples_carry_language_group_and_expectation(tmp_path: Path) -> None:
    ps = load(_write(tmp_path, GOOD))
    examples = list(ps.examples())
    assert (
        "en",
        "We have restricted your account from sending\n proactive messages.",
        True,
        None,
    ) in examples
    lang, sentence, should_match, group = examples[-1]
    assert (lang, should_match, group) == ("de", False, "decision")
    assert sentence.startswith("Ihr Konto ist gesperrt")


def test_a_failing_example_is_reported_with_file_and_key(tmp_path: Path) -> None:
    path = _write(
        tmp_path, GOOD.replace("We have restricted your account", "We have kept your account")
    )
    problems = load(path).check_examples()
    assert load(path).check_examples("de") == []
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: en.match: ")
    assert "not found" in problems[0]


def test_load_is_cached_per_file(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    assert load(path) is load(str(path))
    assert load(path) is load(path.parent / ".." / "phrases" / path.name)


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('doc = "x"\n[en\n', "", "not valid TOML"),
        ('[en]\ndecision = ["a"]\n', "doc", "required"),
        ('doc = "x"\n[en]\ndecision = "a"\n', "en.decision", "list of strings"),
        ('doc = "x"\n[en]\ndecision = ["a", 3]\n', "en.decision", "list of strings"),
        ('doc = "x"\n[en]\ndecision = ["ok", "(unclosed"]\n', "en.decision[1]", "bad phrase"),
        ('doc = "x"\nenglish = 3\n', "english", "language table"),
        ('doc = "x"\n[en]\nDecision = ["a"]\n', "en.Decision", "group name"),
        (
            'doc = "x"\n[en]\ndecision = ["a"]\nmatch = { other = ["a"] }\n',
            "en.match.other",
            "no such phrase group",
        ),
        ('doc = "x"\n[en]\ndecision = ["a"]\nno_match = [1]\n', "en.no_match", "list of strings"),
        ('doc = "x"\ngap = "far"\n', "gap", "integer"),
    ],
)
def test_bad_files_name_the_file_and_key(tmp_path: Path, text: str, key: str, problem: str) -> None:
    path = _write(tmp_path, text, name=f"bad{abs(hash(text))}.toml")
    with pytest.raises(PhraseFileError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    if key:
        assert f": {key}: " in message
    assert problem in message
    assert "\n" not in message
    assert info.value.exit_status == 2


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(PhraseFileError, match="cannot read"):
        load(tmp_path / "missing.toml")
    path = _write(tmp_path, "", name="latin1.toml")
    path.write_bytes('doc = "caf\u00e9"'.encode("latin-1"))
    with pytest.raises(PhraseFileError, match="not UTF-8"):
        load(path)


def test_discover_finds_phrase_directories_only(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD, "a.toml")
    second = _write(tmp_path, GOOD, "b.toml")
    (tmp_path / "pkg" / "other.toml").write_text(GOOD, encoding="utf-8")
    nested = tmp_path / "pkg" / "sub" / "phrases"
    nested.mkdir(parents=True)
    (nested / "c.toml").write_text(GOOD, encoding="utf-8")
    assert discover(tmp_path) == [first, second, nested / "c.toml"]
    assert sorted(phrases.load_dir(first.parent)) == ["a", "b"]


def test_notation_extends_the_notices_text_module() -> None:
    """Phrases written for auditor.notices.text mean at least as much here."""
    from auditor.notices import text

    for p in ("ab ?c d", r"\bappeal", "a…b", "restricted … proactive"):
        assert phrases.phrase(p) == text.phrase(p)
    samples = [
        "restricted your proactive",
        "restricted  proactive",
        "Restricted\nproactive",
        "restricted it. proactive",
        "restricted" + " x" * 50 + " proactive",
    ]
    gap = r"(?:[^.!?。！？\n]|[.](?=\S)){0,80}"  # the notation before phrase files
    old = phrases.re.compile(r"restricted\s+" + gap + r"\s+proactive", phrases.re.I)
    new = phrases.compile_phrases(["restricted … proactive"])
    for sample in samples:
        if old.search(sample):
            assert new.search(sample), sample
    assert new.search("restricted proactive") and not old.search("restricted proactive")
    words = phrases.compile_phrases(["bitten … zurückzuziehen"])
    assert words.search("ihn bitten, die Beschwerde zurückzuziehen")
    assert words.search("bitten\nzurückzuziehen")
    assert not words.search("bitten. Dann zurückzuziehen")
    assert not new.search("restrictedproactive")


def test_the_documented_example_file_loads_and_its_examples_hold(tmp_path: Path) -> None:
    doc = phrases.__doc__ or ""
    block = doc.split("File format (``<package>/phrases/<name>.toml``)::\n", 1)[1]
    lines = []
    for line in block.splitlines()[1:]:
        if line and not line.startswith("    "):
            break
        lines.append(line[4:])
    ps = load(_write(tmp_path, "\n".join(lines), "documented.toml"))
    assert ps.languages == ("en", "de")
    assert len(list(ps.examples())) == 3
    assert ps.check_examples() == []


def test_an_abbreviation_before_a_lower_case_word_does_not_end_the_sentence() -> None:
    pattern = phrases.compile_phrases(["received a notice … alleging"])
    assert pattern.search("We received a notice from Harbor Lane Inc. alleging that")
    assert not pattern.search("We received a notice from Harbor Lane. Alleging that")


def test_every_shipped_phrase_group_compiles() -> None:
    """Groups compile on first use, not at load: every group of every
    shipped file must compile (a load only parses each phrase)."""
    groups = 0
    for path in PHRASE_FILES:
        found = load(path)
        for lang in found.languages:
            for group in found.groups(lang):
                assert found.pattern(lang, group).pattern, (path, lang, group)
                groups += 1
    assert groups > 100


def test_a_group_that_only_fails_to_compile_names_the_file_and_group(tmp_path: Path) -> None:
    # A look-behind of variable width parses, and fails only when compiled.
    path = _write(tmp_path, 'doc = "x"\n[en]\ndecision = ["ok", "(?<=a|bc)d"]\n', name="lb.toml")
    found = load(path)
    with pytest.raises(PhraseFileError) as info:
        found.find("bcd")
    message = str(info.value)
    assert message.startswith(f"{path}: en.decision: ")
    assert "look-behind" in message
    assert "\n" not in message
