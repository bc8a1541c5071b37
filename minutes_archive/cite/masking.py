"""Swedish personal identity numbers are masked in everything shown or exported, unless asked not to."""
from __future__ import annotations

import re

PERSONNUMMER = re.compile(r"(?<![\d-])(?:(?:19|20)\d{2}|\d{2})(?:0[1-9]|1[0-2])(?:[0-6]\d|[78]\d)[-+]\d{4}(?![\d-])")
MASK = "[personnummer]"


def mask(text: str | None) -> str | None:
    return PERSONNUMMER.sub(MASK, text) if text else text
