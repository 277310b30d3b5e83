"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor import __version__
from rules.base import registry

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(source: str) -> str:
    path, _, _ = source.rpartition("#")
    path = path or source
    return Path(path).as_posix() if not path.startswith("imap:") else path


def render(result: Any, **_options: Any) -> str:
    classes = registry()
    used = sorted({f.rule for f in result.findings})
    index = {code: i for i, code in enumerate(used)}
    rules = []
    for code in used:
        cls = classes.get(code)
        rules.append(
            {
                "id": code,
                "name": cls.name if cls else code,
                "shortDescription": {"text": cls().summary if cls else code},
                "fullDescription": {"text": cls.why if cls else ""},
                "help": {"text": cls.fix if cls else ""},
                "defaultConfiguration": {"level": _LEVEL[str(cls.severity)] if cls else "warning"},
            }
        )
    results = []
    for finding in result.findings:
        source, _, key = finding.source.rpartition("#")
        entry: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _LEVEL.get(finding.severity, "warning"),
            "message": {"text": f"{finding.name}: {finding.evidence}"},
            "locations": [
                {
                    "physicalLocation": {"artifactLocation": {"uri": _artifact(finding.source)}},
                    "logicalLocations": [
                        {
                            "name": finding.message_id,
                            "kind": "message",
                            "fullyQualifiedName": f"{finding.message_id}/{finding.location}",
                        }
                    ],
                }
            ],
            "properties": {
                "campaign": finding.campaign,
                "order_id": finding.order_id,
                "location": finding.location,
                "key": key,
                "related": finding.related,
            },
        }
        if source and not source.startswith("imap:") and key and "/" in key:
            entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = Path(
                source, key
            ).as_posix()
        results.append(entry)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "auditor",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/auditor/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
