"""`python -m minutes_archive.samples DIR`: write the demo minutes as txt, docx and pdf."""
from __future__ import annotations

import sys
from pathlib import Path

from .fictional import fictional_minutes
from .write_docx import write_docx
from .write_txt import write_txt


def write_samples(folder: Path) -> list[Path]:
    from .write_pdf import write_pdf  # reportlab: an extra, needed only here and in the tests

    folder.mkdir(parents=True, exist_ok=True)
    writers = [(write_txt, "txt"), (write_docx, "docx"), (write_pdf, "pdf")]
    paths = []
    for seed, (writer, suffix) in enumerate(writers, start=1):
        doc, _ = fictional_minutes(seed, items=5 if suffix == "pdf" else 4)
        paths.append(writer(doc, folder / f"protokoll-{seed:02d}.{suffix}"))
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "samples")
    try:
        paths = write_samples(target)
    except ModuleNotFoundError as exc:
        if exc.name != "reportlab":
            raise
        sys.exit("Writing the sample PDFs needs reportlab: pip install 'minutes-archive[samples]'")
    for path in paths:
        print(path)
