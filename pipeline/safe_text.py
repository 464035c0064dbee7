"""Text that can always be written: file names that are not UTF-8, rendered visibly.

On Linux a file name is bytes; Python turns bytes that are not UTF-8 (TIS-620 names from
Thai Windows shares) into lone surrogates, which UTF-8 writers (Parquet, JSON, a terminal)
refuse with UnicodeEncodeError. Every text the pipeline writes goes through `printable`,
which shows such a byte as `\\xNN`, so the name stays recognisable and never crashes a run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

# Lone surrogates: U+DC80..U+DCFF are the bytes Python could not decode (surrogateescape);
# any other surrogate is text damage.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTES: Final = range(0xDC80, 0xDD00)
# Windows code page 874 extends TIS-620: the encoding of Thai file names not in UTF-8.
THAI_LEGACY_ENCODING: Final = "cp874"


def _render(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in _ESCAPED_BYTES else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every undecodable byte shown as \\xNN (unchanged when already UTF-8)."""
    return _SURROGATE.sub(_render, text)


def is_printable(text: str) -> bool:
    return _SURROGATE.search(text) is None


def legacy_name(path: Path | str) -> str | None:
    """The name read as TIS-620 when it is not UTF-8 (how Thai Windows wrote it); None when
    the name is UTF-8 or not TIS-620 either."""
    name = Path(path).name
    if is_printable(name):
        return None
    try:
        return name.encode("utf-8", "surrogateescape").decode(THAI_LEGACY_ENCODING)
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def json_safe(text: str) -> str:
    """A JSON document whose strings may hold lone surrogates, with those written as
    \\uXXXX escapes: valid UTF-8 that `json.loads` turns back into the exact path."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
