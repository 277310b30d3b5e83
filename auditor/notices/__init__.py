"""Amazon notices: restriction, IP, account-health and per-message mails,
recognised in six languages, with periods, violations, IDs and authenticity.

Public entry points: :func:`detect` (one message → a :class:`Notice` or
None), :func:`auditor.notices.timeline.build_timeline`,
:func:`auditor.notices.link.link_notices` and
:func:`auditor.notices.evidence.write_evidence`.
"""

from auditor.notices.detect import detect
from auditor.notices.model import Authenticity, Notice, NoticeKind

__all__ = ["Authenticity", "Notice", "NoticeKind", "detect"]
