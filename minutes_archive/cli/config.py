"""A user's defaults for the command line, set once in a TOML file and shown by `minutes config`.

A flag wins over the environment, the environment over the file, the file over the built-in default: a
script that passes --archive or sets MINUTES_ARCHIVE gets what it asked for whatever the file says. The file
lives in the user config folder (platformdirs), or where $MINUTES_CONFIG points:

    archive = "~/protokoll/arkiv"
    lang = "swe"
    jobs = 2
    ocr = "auto"
    viewer = "evince --page-label={page} {file}"
    cluster = "tcp://dask1:8786"
    engine = "solr"
    solr_url = "http://solr1:8983/solr,http://solr2:8983/solr"
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import MinutesError
from ..storage.location import ENV as ARCHIVE_ENV

CONFIG_ENV = "MINUTES_CONFIG"


@dataclass(frozen=True)
class Key:
    name: str
    kind: type
    env: str
    help: str


KEYS = {key.name: key for key in (
    Key("archive", str, ARCHIVE_ENV, "archive folder"),
    Key("lang", str, "MINUTES_LANG", "Tesseract languages for OCR, e.g. swe+eng"),
    Key("jobs", int, "MINUTES_JOBS", "files read at once by an import"),
    Key("ocr", str, "MINUTES_OCR", "auto, always or never"),
    Key("viewer", str, "MINUTES_VIEWER", "command that opens a file at a page: {file} and {page} are filled in"),
    Key("cluster", str, "MINUTES_CLUSTER", "Dask scheduler an import reads, OCRs and extracts on, e.g. tcp://HOST:8786"),
    Key("engine", str, "MINUTES_ENGINE", "search engine: whoosh (built in) or solr"),
    Key("solr_url", str, "MINUTES_SOLR_URL", "Solr nodes, comma-separated, e.g. http://127.0.0.1:8983/solr"),
)}


KIND_NAMES = {str: "text in quotes", int: "a whole number"}


class ConfigError(MinutesError):
    """The config file cannot be read or holds a setting that cannot be used."""


def config_path() -> Path:
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("minutes-archive", appauthor=False)) / "config.toml"


def _file_settings(path: Path) -> dict:
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"The config file {path} cannot be read: {exc.strerror}.") from exc
    return _parsed(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=4)
def _parsed(path: Path, mtime_ns: int, size: int) -> dict:
    """The file read once per version of it (a command asks for several settings)."""
    try:
        with path.open("rb") as handle:
            found = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"The config file {path} cannot be read: {exc.strerror}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The config file {path} is not valid TOML: {exc}.") from exc
    unknown = sorted(set(found) - set(KEYS))
    if unknown:
        raise ConfigError(f"The config file {path} has an unknown setting {unknown[0]!r}; "
                          f"known: {', '.join(KEYS)}.")
    for name, value in found.items():
        if not isinstance(value, KEYS[name].kind) or isinstance(value, bool):
            raise ConfigError(f"In the config file {path}, {name} must be {KIND_NAMES[KEYS[name].kind]}, "
                              f"not {value!r}.")
    return found


def setting(name: str):
    """The value for `name` from the environment or the config file; None when neither sets it (the flag's
    own default applies)."""
    key = KEYS[name]
    if os.environ.get(key.env):
        raw = os.environ[key.env]
        if key.kind is int:
            try:
                return int(raw)
            except ValueError:
                raise ConfigError(f"${key.env} must be a whole number, not {raw!r}.") from None
        return raw
    return _file_settings(config_path()).get(name)


def describe() -> dict:
    """Every setting with its value and where it comes from (environment, file or unset)."""
    path = config_path()
    in_file = _file_settings(path)
    settings = {}
    for name, key in KEYS.items():
        origin = "environment" if os.environ.get(key.env) else "file" if name in in_file else None
        settings[name] = {"value": setting(name), "from": origin, "env": key.env, "help": key.help}
    return {"file": str(path), "exists": path.is_file(), "settings": settings}
