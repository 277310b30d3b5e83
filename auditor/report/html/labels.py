"""Limits, labels and the timeline's kind groups of the HTML reports (plain data)."""

from __future__ import annotations

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

KIND_LABEL = {
    "messaging_restriction": "Messaging restriction",
    "templates_only_restriction": "Templates-only restriction",
    "message_blocked": "Message blocked",
    "message_undelivered": "Message not delivered",
    "buyer_opt_out": "Buyer opted out",
    "ip_complaint": "IP complaint",
    "ip_retraction": "IP complaint retracted",
    "violation_cleared": "Violation cleared",
    "listing_reinstated": "Listing reinstated",
    "account_at_risk": "Account at risk",
    "account_deactivated": "Account deactivated",
    "account_reinstated": "Account reinstated",
    "appeal_received": "Appeal received",
    "appeal_decision": "Appeal decision",
    "policy_warning": "Policy warning",
    "buyer_complaint": "Buyer complaint",
    "other_amazon": "Other Amazon mail",
}

#: Timeline lanes: kind group -> (label, kinds). Suspicious notices go to
#: "phishing" whatever their kind.
GROUPS: dict[str, tuple[str, frozenset[str]]] = {
    "restriction": (
        "Restrictions & blocks",
        frozenset(
            {
                "messaging_restriction",
                "templates_only_restriction",
                "message_blocked",
                "message_undelivered",
                "policy_warning",
            }
        ),
    ),
    "buyer": ("Buyers", frozenset({"buyer_opt_out", "buyer_complaint"})),
    "ip": (
        "IP / listings",
        frozenset(
            {
                "ip_complaint",
                "ip_retraction",
                "violation_cleared",
                "listing_reinstated",
            }
        ),
    ),
    "account": (
        "Account",
        frozenset(
            {
                "account_at_risk",
                "account_deactivated",
                "account_reinstated",
            }
        ),
    ),
    "appeal": ("Appeals", frozenset({"appeal_received", "appeal_decision"})),
    "other": ("Other", frozenset({"other_amazon"})),
    "phishing": ("Possible phishing", frozenset()),
}
RESTRICTION_KINDS = frozenset({"messaging_restriction", "templates_only_restriction"})
OPEN_LABEL = {
    "asin": "ASIN not cleared",
    "restriction": "Restriction running",
    "deactivation": "Account deactivated",
    "appeal": "Appeal waiting for a decision",
}
