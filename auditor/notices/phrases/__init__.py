"""Phrase data files of the notice detector (see auditor.phrases): one TOML file per
notice kind, plus the shared concepts (support, instructions, conditional, negation,
quoted)."""
