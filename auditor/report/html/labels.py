"""Limits, labels and the timeline's kind groups of the HTML reports (plain data)."""

from __future__ import annotations

from auditor.notices.groups import KIND_LABELS, LANES
from auditor.notices.groups import RESTRICTION_KINDS as RESTRICTION_KINDS

# -- limits (a 100k-message audit must still give a file a browser opens) ---------------
MAX_CAMPAIGNS = 150  #: campaigns shown with their findings
MAX_CAMPAIGN_ROWS = 500  #: rows of the campaign overview table
MAX_GROUPS_PER_CAMPAIGN = 20  #: distinct findings shown per campaign
MAX_OTHER_GROUPS = 50  #: distinct findings outside any campaign
MAX_NOTICES = 1000  #: rows of a notices table
MAX_ERRORS = 50  #: unreadable messages listed
MAX_RELATED = 3  #: related message IDs shown per finding
MAX_STACK = 6  #: markers stacked at one moment in one timeline lane
MAX_LABEL_ROWS = 4  #: rows of day labels under the timeline's axis

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

SEVERITIES = ("error", "warning", "info")
SEVERITY_MEANING = {
    "error": "a trigger Amazon names in its restriction notices",
    "warning": "gets single messages blocked",
    "info": "worth knowing",
}
STATE_RANK = {"flagged": 2, "paused": 1, "active": 0}
LOCATION_LABEL = {
    "subject": "in the subject line",
    "text": "in the message text",
    "html": "in the message text (HTML part)",
    "attachment": "in an attachment",
    "headers": "in the mail headers",
    "thread": "across messages",
}

#: Labels and timeline lanes (kind group -> (label, kinds)) are defined once,
#: next to the kinds; suspicious notices go to "phishing" whatever their kind.
KIND_LABEL = KIND_LABELS
GROUPS = LANES
OPEN_LABEL = {
    "asin": "ASIN not cleared",
    "restriction": "Restriction running",
    "deactivation": "Account deactivated",
    "appeal": "Appeal waiting for a decision",
}
