"""Messages: raw mail bytes parsed into typed :class:`Message` objects."""

from auditor.message.model import Attachment, Image, Kind, Link, Message
from auditor.message.parse import Limits, parse_message

__all__ = ["Attachment", "Image", "Kind", "Limits", "Link", "Message", "parse_message"]
