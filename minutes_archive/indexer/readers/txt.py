"""Plain-text minutes: encoding detection, one block per line, form feeds as pages."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ...errors import EmptyFile, UnreadableFile
from ..layout import Block, Layout

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text leaves every other byte zero."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / len(sample[0::2])
    odd_zero = sample[1::2].count(0) / len(sample[1::2])
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Return (text, encoding). Raises for empty or binary input."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyFile(f"{name} is empty: there is no text to import.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    utf16 = _looks_utf16(data)
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data or sum(byte in _CONTROL for byte in data[:8000]) > len(data[:8000]) * 0.01:
        raise UnreadableFile(f"{name} is not a text file: it contains binary data.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data, cp_isolation=["cp1252", "latin_1", "cp850", "mac_roman"]).best()
    encoding = guess.encoding if guess is not None else "cp1252"
    if encoding in ("cp1252", "latin_1", "iso8859_1"):
        # Bytes 0x81, 0x8d, 0x8f, 0x90 and 0x9d are unassigned in cp1252.
        encoding = "latin_1" if any(b in data for b in b"\x81\x8d\x8f\x90\x9d") else "cp1252"
    return data.decode(encoding), encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{name} claims to be {encoding} text but is damaged at byte {exc.start}.") from exc


def read_txt(data: bytes, name: str = "file") -> Layout:
    text, encoding = decode(data, name)
    blocks: list[Block] = []
    page, blank = 1, False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        while "\f" in line:
            before, line = line.split("\f", 1)
            if before.strip():
                blocks.append(Block(before, page=page, blank_before=blank))
            page, blank = page + 1, True
        if not line.strip():
            blank = True
            continue
        blocks.append(Block(line, page=page, blank_before=blank))
        blank = False
    return Layout(
        blocks=blocks,
        page_count=page,
        format="txt",
        encoding=encoding,
        damage=text.count("\ufffd"),
    )
