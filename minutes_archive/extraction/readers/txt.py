"""Plain-text minutes: encoding detection, one block per line, form feeds as pages."""
from __future__ import annotations

import codecs
from typing import NamedTuple

from charset_normalizer import from_bytes

from ...errors import EmptyFile, UnreadableFile
from ...records.layout import Block, Layout
from ...records.text import lines_of

COLUMNS = 80  # a line's indent is given as a share of a typewriter page's width, as for PDFs
_WESTERN = set("åäöÅÄÖéÉèÈüÜøØæÆáàâêëïîóòôúùçñÑß§–—”“’‘«»°½´·€£…•™")
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_BOMS = (
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(NamedTuple):
    text: str
    encoding: str
    bad_bytes: int = 0  # bytes that were not valid in `encoding`, now U+FFFD

    @property
    def warnings(self) -> list[str]:
        if not self.bad_bytes:
            return []
        return [f"{self.bad_bytes} byte(s) are not valid UTF-8 although the rest of the file is; "
                "read as UTF-8 with those marked as damaged (U+FFFD)"]


def _mostly_utf8(data: bytes) -> int | None:
    """How many bytes are not UTF-8 when the file is UTF-8 but for those; None when it reads better as a code page.

    Threshold: UTF-8 wins while its bad bytes are no more than its valid multi-byte characters. Each reading
    damages something: as UTF-8 every bad byte becomes one marked U+FFFD (often mended by repair.restore), as a
    code page every valid å, ä, ö or § silently becomes two or three characters of mojibake that nothing mends.
    So the reading that damages fewer characters is taken, and only it can say what it damaged. A real
    cp1252/latin-1 file holds no valid multi-byte sequences (its "ö" is one byte before a letter), so it is
    never taken for UTF-8; a UTF-8 file with one stray byte has many valid ones.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ord(ch) > 127) - bad
    return bad if 0 < bad <= valid else None


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


def _score(text: str) -> tuple[int, bool]:
    """(how Swedish/Western the non-ASCII characters look, whether any is implausible)."""
    score, odd = 0, False
    for ch in text:
        if ord(ch) > 127:
            if ch in _WESTERN:
                score += 2 if ch in "åäöÅÄÖ" else 1
            else:
                score, odd = score - 1, True
    return score, odd


def _western_guess(data: bytes) -> str | None:
    """Windows, DOS or Mac code page for Swedish/English text.

    Statistical detectors misjudge short or repetitive minutes, so Windows
    cp1252 is taken unless it yields characters no such text holds; then the
    DOS or Mac page that yields the most real letters wins. None when no
    Western page fits at all.
    """
    scores = {enc: _score(data.decode(enc, errors="replace")) for enc in ("cp1252", "cp850", "mac_roman")}
    if not scores["cp1252"][1]:
        return "cp1252"
    best = max(scores, key=lambda enc: scores[enc][0])
    return best if scores[best][0] > 0 else None


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Return (text, encoding). Raises for empty or binary input."""
    text, encoding, _ = decode_text(data, name)
    return text, encoding


def decode_text(data: bytes, name: str = "file") -> Decoded:
    """The text, its encoding and how many bytes were not valid in it. Raises for empty or binary input."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyFile(f"{name} is empty: there is no text to import.")
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8):], name, "utf-8-sig")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, encoding, name), encoding)
    utf16 = _looks_utf16(data)
    if utf16:
        return Decoded(_strict(data, utf16, name), utf16)
    if b"\x00" in data or sum(byte in _CONTROL for byte in data[:8000]) > len(data[:8000]) * 0.01:
        raise UnreadableFile(f"{name} is not a text file: it contains binary data.")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    bad = _mostly_utf8(data)
    if bad is not None:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", bad)
    return Decoded(*_legacy(data))


def _utf8(data: bytes, name: str, encoding: str) -> Decoded:
    """UTF-8 declared by a BOM: a few bad bytes are marked as damage, a file of them is not UTF-8 at all."""
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError as exc:
        bad = _mostly_utf8(data)
        if bad is None:
            raise UnreadableFile(f"{name} claims to be UTF-8 text but is damaged at byte {exc.start + 3}.") from exc
        return Decoded(data.decode("utf-8", errors="replace"), encoding, bad)


def _legacy(data: bytes) -> tuple[str, str]:
    """A file that is not UTF-8: a Western code page, else what charset_normalizer guesses."""
    encoding = _western_guess(data)
    if encoding is None:
        guess = from_bytes(data).best()
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
    decoded = decode_text(data, name)
    layout = read_text(decoded.text, decoded.encoding)
    layout.warnings += decoded.warnings
    return layout


def read_text(text: str, encoding: str | None = None) -> Layout:
    blocks: list[Block] = []
    page, blank = 1, False
    for line in lines_of(text):
        while "\f" in line:
            before, line = line.split("\f", 1)
            if before.strip():
                blocks.append(Block(before, page=page, blank_before=blank))
            page, blank = page + 1, True
        if not line.strip():
            blank = True
            continue
        expanded = line.expandtabs(8)
        indent = (len(expanded) - len(expanded.lstrip())) / COLUMNS
        blocks.append(Block(line, page=page, blank_before=blank, indent=round(indent, 4)))
        blank = False
    return Layout(
        blocks=blocks,
        page_count=page,
        format="txt",
        encoding=encoding,
        damage=text.count("\ufffd"),
    )
