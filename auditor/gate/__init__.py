"""The send gate: checks each outgoing buyer message before it is sent.

:mod:`auditor.gate.decide` holds the decision both front-ends share;
:mod:`auditor.gate.milter` answers Postfix and Sendmail, :mod:`auditor.gate.relay`
is an SMTP relay in front of the real outgoing server, and
:mod:`auditor.cli.gate` adds ``auditor milter`` and ``auditor relay``.
"""
