import json
import shutil
from pathlib import Path

import pytest

from minutes_archive.records.text import normalise

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def require_seeds() -> Path:
    if not SEEDS.is_dir() or not seed_names():
        pytest.skip(f"the shared seed minutes are not at {SEEDS} (a user's own clone has no ../shared)")
    return SEEDS


def load_expected(name: str) -> dict:
    return json.loads((require_seeds() / f"{name}.expected.json").read_text(encoding="utf-8"))


def starts(text: str, prefix: str) -> bool:
    return normalise(text).startswith(normalise(prefix))


@pytest.fixture
def archive_dir(tmp_path) -> Path:
    return tmp_path / "archive"


needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed; `make test` installs it where it can (root + apt)"
)
