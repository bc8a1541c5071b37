"""The package's floors only look down: read from the imports in the source, lazy ones included."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "floors.py"


def test_no_module_imports_from_a_floor_above_its_own():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_check_sees_an_upward_import(tmp_path):
    """The rule is only worth something if breaking it is seen: a copy of the package with one upward import."""
    copy = tmp_path / "repo"
    (copy / "scripts").mkdir(parents=True)
    (copy / "scripts" / "floors.py").write_text(SCRIPT.read_text())
    package = copy / "minutes_archive"
    (package / "records").mkdir(parents=True)
    (package / "storage").mkdir()
    (package / "records" / "__init__.py").write_text("")
    (package / "storage" / "__init__.py").write_text("")
    (package / "storage" / "catalog.py").write_text("from ..records import model\n")
    (package / "records" / "model.py").write_text("def f():\n    from ..storage import catalog  # lazy, still up\n")
    result = subprocess.run([sys.executable, str(copy / "scripts" / "floors.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.strip() == ("records.model (line 2) imports storage.catalog: floor ground looks up to "
                                     "storage")


def test_the_ground_floor_loads_alone():
    """Importing the records must not load readers, the catalog or Whoosh (the package root is lazy)."""
    code = ("import sys; import minutes_archive.records.text, minutes_archive.records.model, "
            "minutes_archive.records.layout; "
            "print(sorted(m for m in sys.modules if m.startswith('minutes_archive.') or m == 'whoosh'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = eval(result.stdout)
    assert all(m.startswith(("minutes_archive.records", "minutes_archive.errors")) for m in loaded), loaded
