"""A minutes document to be written out as txt, docx or pdf by the project itself."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    heading: bool = False
    notes: list[tuple[int, str]] = field(default_factory=list)  # (offset of the mark in text, note text)


@dataclass
class SampleDoc:
    paras: list[Para]
    header: str | None = None  # running header on every pdf page; "{page}" and "{pages}" are filled in
    footer: str | None = None  # likewise at the page foot

    def notes(self) -> list[str]:
        return [note for para in self.paras for _, note in para.notes]
