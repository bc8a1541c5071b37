"""`minutes serve` in a process of its own and a headless Chromium to look at it, for the browser tests and bench/web.py.

The server is the real command (`python -m minutes_archive --archive A serve --port 0`), found ready by the line it
promises on stdout (`Serving <archive> at http://HOST:PORT/ ...`), and stopped as a user's Ctrl-C would be
(terminate), then killed if it lingers, with everything it started. The browser is Debian's Chromium driven by
Debian's chromedriver, given by path so that Selenium Manager (which would download a driver) is never asked.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDE = (1280, 900)
NARROW = (390, 844)
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
READY = re.compile(r"^Serving .* at (http://\S+/)")

# What the server sees: no colour, no user config, no archive from the environment (as support.ENV).
SERVER_ENV = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1",
              "MINUTES_CONFIG": os.environ.get("MINUTES_CONFIG", str(Path(__file__).parent / "no-such-config.toml"))}


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None. CI installs both (`.ci/run`, the Makefile's system target)."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not (p.is_file() and os.access(p, os.X_OK))]
    if missing:
        return (f"{' and '.join(missing)} not installed (Debian: apt-get install chromium chromium-driver; "
                "`make test` installs them where it can)")
    return None


class Server:
    """A running `minutes serve`: its URL, and its stdout/stderr so far (for failure messages)."""

    def __init__(self, proc: subprocess.Popen, url: str, out: Path, err: Path):
        self.proc, self.url, self._out, self._err = proc, url, out, err

    def output(self) -> str:
        return self._out.read_text(errors="replace") + self._err.read_text(errors="replace")


def serve_command(archive: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "minutes_archive", "--archive", str(archive), "serve", "--port", "0", *args]


@contextmanager
def running_server(archive: Path, *args: str, timeout: float = 60):
    """`minutes serve --port 0` over `archive` until the block ends; yields a Server with the URL it printed.

    stdout and stderr go to files, not pipes, so a chatty server never blocks on a full pipe; the ready line must
    therefore be flushed by the server itself, as it must be for a user who pipes it into a log."""
    logs = Path(tempfile.mkdtemp(prefix="minutes-serve-"))
    out, err = logs / "stdout", logs / "stderr"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        proc = subprocess.Popen(serve_command(archive, *args), stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
                                env=SERVER_ENV, start_new_session=True)
    try:
        url = _wait_ready(proc, out, err, timeout)
        yield Server(proc, url, out, err)
    finally:
        stop(proc)
        shutil.rmtree(logs, ignore_errors=True)


def _wait_ready(proc: subprocess.Popen, out: Path, err: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in out.read_text(errors="replace").splitlines():
            found = READY.match(line)
            if found:
                return found.group(1)
        if proc.poll() is not None:
            raise AssertionError(f"`minutes serve` exited {proc.returncode} before it was ready:\n"
                                 f"{out.read_text(errors='replace')}\n{err.read_text(errors='replace')}")
        time.sleep(0.05)
    raise AssertionError(f"`minutes serve` printed no 'Serving ... at http://HOST:PORT/' line within {timeout} s:\n"
                         f"{out.read_text(errors='replace')}\n{err.read_text(errors='replace')}")


def stop(proc: subprocess.Popen, grace: float = 10) -> None:
    """Terminate (as Ctrl-C or a service manager would), then kill the whole session if it is still there."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # anything it forked, in its session (start_new_session=True)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


@contextmanager
def chrome(size: tuple[int, int] = WIDE):
    """A headless Chromium (Debian's, driven by Debian's chromedriver) with a fresh profile, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    def no_download(self, *args):  # Selenium Manager fetches drivers and browsers from the internet: never here
        raise AssertionError("Selenium Manager was asked for a driver; give Service() the chromedriver path")

    profile = tempfile.mkdtemp(prefix="minutes-chromium-")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}"):
        options.add_argument(argument)
    original = SeleniumManager.binary_paths
    SeleniumManager.binary_paths = no_download
    try:
        driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    finally:
        SeleniumManager.binary_paths = original
    try:
        driver.set_page_load_timeout(60)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_width(driver, size: tuple[int, int]) -> None:
    """Make the viewport (not only the window) `size`, as a phone or laptop would show the page."""
    driver.set_window_size(*size)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    if inner[0] != size[0]:  # headless windows have no chrome, but make sure
        driver.set_window_size(size[0] + size[0] - inner[0], size[1] + size[1] - inner[1])


def screenshot(driver, name: str) -> Path:
    """The whole page (not only the first screen) as build/screenshots/NAME.png, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path
