"""Reading files in worker processes: one per core, each file with a time limit and a memory cap.

A file that hangs a reader or eats all memory fails with a reason while the
rest of the batch goes on. Workers read the files themselves (the parent never
holds a file's bytes, so a huge or endless file costs only its own worker) and
may ask the parent one question on the way, over the same pipe: the parent
alone writes to the catalog, so there is still exactly one writer.

Each worker's temp files (OCR page images, Tesseract output, the searchable
copy on its way into the archive, converters' files) go under its own folder,
`minutes-worker-<pid>` in the temp folder. A worker stopped at its time limit
or killed cannot clean up, so the parent removes the folder when the worker
ends, and sweeps the folders of dead processes when a run starts (left by an
import that was itself killed).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from multiprocessing.connection import wait
from typing import Callable, Iterator

from ..errors import MinutesError, NeedsOCR
from ..extraction.readers.ocr import SCRATCH_PREFIX  # an import loads the readers anyway

_CONTEXT = multiprocessing.get_context("fork")
PR_SET_PDEATHSIG = 1
WORKER_TEMP_PREFIX = "minutes-worker-"
# Temp folders named "<prefix><pid>" that are swept once their process is gone: a worker's, and the OCR folder
# of a process that read scans itself (extraction/readers/ocr.py scratch_folder).
SWEPT_PREFIXES = (WORKER_TEMP_PREFIX, SCRATCH_PREFIX)
LEGACY_AGE = 3600  # s: "minutes-ocr-<random>" folders of older releases name no process; swept once this old


@dataclass
class Task:
    key: object
    call: Callable[[Callable[[object], object]], object]  # runs in the worker with `ask`; its return value is sent back


@dataclass
class Outcome:
    key: object
    status: str  # ok | needs_ocr | failed
    value: object = None
    reason: str | None = None


def worker_temp(pid: int) -> Path:
    return Path(tempfile.gettempdir()) / f"{WORKER_TEMP_PREFIX}{pid}"


def _use_own_temp() -> None:
    """Point this worker's temp files, and its children's (TMPDIR), at a folder named for its pid."""
    folder = worker_temp(os.getpid())
    folder.mkdir(mode=0o700, exist_ok=True)
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process with that pid: alive
        return True
    return True


def sweep_temp(now: float | None = None, remove: bool = True) -> list[Path]:
    """Remove temp folders whose process is gone; returns them (with `remove=False` only names them, for
    `check`). A live process's folder is never touched, nor another user's."""
    now = time.time() if now is None else now
    removed = []
    for prefix in SWEPT_PREFIXES:
        for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
            tail = folder.name[len(prefix):]
            try:
                info = folder.lstat()
            except OSError:
                continue
            if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
                continue
            if tail.isdigit() and _alive(int(tail)):
                continue
            if not tail.isdigit() and now - info.st_mtime < LEGACY_AGE:
                continue
            if remove:
                shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _limit(memory_mb: int | None, close_fds: tuple[int, ...]) -> None:
    os.setpgrp()  # Tesseract and LibreOffice children can be stopped together with the worker
    try:
        ctypes.CDLL("libc.so.6").prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # die with an interrupted import
    except OSError:
        pass
    for fd in close_fds:  # the archive's writer lock must go when the parent goes
        try:
            os.close(fd)
        except OSError:
            pass
    if memory_mb:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        cap = used + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _child(task: Task, sender, memory_mb: int | None, close_fds: tuple[int, ...]) -> None:
    def ask(question: object) -> object:
        """The parent's answer, e.g. whether a file's hash is new, before the expensive part begins."""
        sender.send(("ask", question, None))
        return sender.recv()

    try:
        _limit(memory_mb, close_fds)
        _use_own_temp()
        try:
            message = ("ok", task.call(ask), None)
        except NeedsOCR as exc:
            message = ("needs_ocr", None, str(exc))
        except MinutesError as exc:
            message = ("failed", None, str(exc))
        except MemoryError:
            message = ("failed", None, f"needed more than the {memory_mb} MB a file may use")
        except Exception as exc:  # reported as this file's failure, never hidden
            message = ("failed", None, f"unexpected error, please report it: {type(exc).__name__}: {exc}")
        sender.send(message)
    finally:
        os._exit(0)  # no clean-up of the parent's catalog connection in the child


def run(tasks: list[Task], jobs: int, timeout: float | Callable[[object], float], memory_mb: int | None,
        close_fds: tuple[int, ...] = (), answer: Callable[[object, object], object] | None = None) -> Iterator[Outcome]:
    """Outcomes in the order the workers finish.

    `answer(key, question)` replies to a worker's `ask`; `timeout` may be a
    function of the task's key, asked again after every question, so a limit
    can grow once a worker has said how big its file is (pages of a scan).
    """
    def limit(task: Task) -> float:
        return timeout(task.key) if callable(timeout) else timeout

    sweep_temp()
    pending = list(reversed(tasks))
    running: dict[object, tuple] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                task = pending.pop()
                receiver, sender = _CONTEXT.Pipe(duplex=True)
                process = _CONTEXT.Process(target=_child, args=(task, sender, memory_mb, close_fds), daemon=True)
                process.start()
                sender.close()
                running[receiver] = (task, process, time.monotonic(), limit(task))
            for receiver in wait(list(running), timeout=0.25):
                task, process, started, _ = running[receiver]
                try:
                    status, value, reason = receiver.recv()
                except (EOFError, OSError):  # the worker died: only the pipe's own failure is read as that
                    process.join(5)
                    status, value, reason = "failed", None, _died(process, memory_mb)
                if status == "ask":
                    reply = answer(task.key, value) if answer else None
                    running[receiver] = (task, process, started, limit(task))
                    try:
                        receiver.send(reply)
                    except (BrokenPipeError, OSError):  # it died while the parent answered: seen at the next recv
                        pass
                    continue
                running.pop(receiver)
                receiver.close()
                process.join(5)
                _remove_temp(process)
                yield Outcome(task.key, status, value, reason)
            now = time.monotonic()
            for receiver, (task, process, started, allowed) in list(running.items()):
                if now - started > allowed:
                    _stop(process)
                    _remove_temp(process)
                    running.pop(receiver)
                    receiver.close()
                    yield Outcome(task.key, "failed", reason=f"took longer than {allowed:g} s and was stopped")
    finally:  # the caller stopped early (a full disk, Ctrl-C): no worker may go on writing to the archive
        for receiver, (_, process, _, _) in running.items():
            _stop(process)
            _remove_temp(process)
            receiver.close()


def _stop(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.join(5)


def _remove_temp(process) -> None:
    """The worker's temp folder, once it has ended: whatever is still in it was either stored or is lost."""
    if process.exitcode is not None or not process.is_alive():
        folder = worker_temp(process.pid)
        try:
            folder.rmdir()  # most workers (text, Word) leave it empty
        except FileNotFoundError:
            pass
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)


def _died(process, memory_mb: int | None) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if name == "SIGKILL" and memory_mb:
            return f"the reader was killed (out of memory?) while reading; a file may use {memory_mb} MB"
        return f"the reader crashed ({name})"
    return f"the reader stopped without an answer (exit code {code})"
