"""Image helpers shared by the image rules (BSM405 tracking-pixel, BSM601
emoji-or-gif): stated sizes in pixels and invisible images.

A helper module, not a rule: rule modules import it, never each other.
"""

from __future__ import annotations

import re

from auditor.message.model import Image

_PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", re.IGNORECASE)


def pixels(value: str | None) -> float | None:
    """A width or height in pixels ("1", "1px"); None when unknown or relative."""
    match = _PIXELS.match(value or "")
    return float(match.group(1)) if match else None


def is_invisible(image: Image) -> bool:
    """Hidden, or no bigger than 1×1 px in every dimension it states."""
    sizes = [s for s in (pixels(image.width), pixels(image.height)) if s is not None]
    return image.hidden or (bool(sizes) and max(sizes) <= 1)
