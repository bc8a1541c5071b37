"""A real Dask cluster on 127.0.0.1 for the cluster tests and bench/ocr_cluster.py: `dask scheduler` and
`dask worker` processes, each in a session of its own so that every process (nanny, worker, Tesseract) is
stopped at the end, also when the test fails."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

DASK = Path(sys.executable).parent / "dask"
PRELOAD = "minutes_archive.archive.cluster"  # in the worker (readers loaded) and its nanny (not daemonic)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    found = [pid]
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [p for child in children.read_text().split() for p in tree(int(child))]
        except OSError:
            pass
    return found


class Cluster:
    def __init__(self, folder: Path, workers: int = 2, nanny_preload: bool = True):
        self.nanny_preload = nanny_preload
        self.folder = folder
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.count = workers

    def _start(self, name: str, args: list[str]) -> None:
        env = {**os.environ, "TMPDIR": str(self.folder / "tmp")}
        (self.folder / "tmp").mkdir(parents=True, exist_ok=True)
        log = open(self.folder / f"{name}.log", "w")
        self.processes[name] = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT, env=env,
                                                start_new_session=True, cwd=self.folder)
        log.close()

    def start(self) -> "Cluster":
        self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                  "--dashboard-address", "127.0.0.1:0", "--no-show"])
        for n in range(self.count):
            self._start(f"w{n}", ["worker", self.address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                                  "--name", f"w{n}", "--local-directory", str(self.folder / f"w{n}"),
                                  "--no-dashboard", "--dashboard-address", "127.0.0.1:0", "--memory-limit", "2GB",
                                  "--preload", PRELOAD, *(["--preload-nanny", PRELOAD] if self.nanny_preload else [])])
        self.wait_for_workers(self.count)
        return self

    def wait_for_workers(self, count: int, timeout: float = 60) -> None:
        from distributed import Client

        with Client(self.address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=timeout)

    def stop(self) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        deadline = time.monotonic() + 10
        while self.leftovers() and time.monotonic() < deadline:
            for pid in self.leftovers():  # the sandboxes and Tesseract have groups of their own, in these sessions
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.1)

    def leftovers(self) -> list[int]:
        """Processes still alive in the sessions these processes began."""
        sessions = {p.pid for p in self.processes.values()}
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) in sessions and fields[0] != "Z":
                found.append(int(stat.parent.name))
        return found

    def log(self) -> str:
        logs = sorted(self.folder.glob("*.log"))
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs)


@contextlib.contextmanager
def dask_cluster(folder: Path, workers: int = 2, nanny_preload: bool = True):
    cluster = Cluster(folder, workers, nanny_preload)
    try:
        yield cluster.start()
    finally:
        cluster.stop()
