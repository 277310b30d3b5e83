"""auditor: audit Amazon buyer-seller messages and account-health notices.

Data flows one way: a connector (``connectors/``) yields raw mail, the
message layer (``auditor.message``) parses it into :class:`Message` objects,
notices (``auditor.notices``) and rules (``rules/``) turn messages into
notices and findings, the store (``auditor.store``) keeps them, campaigns
(``auditor.campaigns``) derive state from them, and reports
(``auditor.report``) and actions (``auditor.actions``) tell people.
"""

__version__ = "0.1.0"
