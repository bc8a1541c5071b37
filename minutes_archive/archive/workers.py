"""Reading files in worker processes: one per core, each file with a time limit and a memory cap.

A file that hangs a reader or eats all memory fails with a reason while the
rest of the batch goes on. Workers read the files themselves (the parent never
holds a file's bytes, so a huge or endless file costs only its own worker) and
may ask the parent one question on the way, over the same pipe: the parent
alone writes to the catalog, so there is still exactly one writer.

A worker reads file after file (forked once: a fork per file cost more than
reading a short PDF). The parent hands out keys into the task list the worker
inherited, so nothing but a key crosses the pipe on the way out. A worker
stopped at a file's time limit, or that died, is replaced by a fresh one; so is
one that has grown by half a file's memory cap, so that one file's leaks never
shrink the next file's allowance.

Each worker's temp files (OCR page images, Tesseract output, the searchable
copy on its way into the archive, converters' files) go under its own folder,
`minutes-worker-<pid>` in the temp folder, emptied after every file. A worker
stopped at its time limit or killed cannot clean up, so the parent removes the
folder when the worker ends, and sweeps the folders of dead processes when a
run starts (left by an import that was itself killed).
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


def _use_own_temp() -> Path:
    """Point this worker's temp files, and its children's (TMPDIR), at a folder named for its pid."""
    folder = worker_temp(os.getpid())
    folder.mkdir(mode=0o700, exist_ok=True)
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    return folder


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


def _limit(close_fds: tuple[int, ...]) -> None:
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


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _cap(memory_mb: int | None) -> None:
    """This file's reader may add `memory_mb` to what the worker holds now (Tesseract and LibreOffice, started
    from here, inherit the limit); None lifts the cap again (up to the hard limit the worker was given)."""
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    cap = _address_space() + memory_mb * 1024 * 1024 if memory_mb else hard
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _attempt(task: Task, ask, memory_mb: int | None) -> tuple[str, object, str | None, bool]:
    """(status, value, reason, whether it ran out of memory) of one file, under its memory cap."""
    if memory_mb:
        _cap(memory_mb)
    try:
        return "ok", task.call(ask), None, False
    except NeedsOCR as exc:
        return "needs_ocr", None, str(exc), False
    except MinutesError as exc:
        return "failed", None, str(exc), False
    except MemoryError:
        return "failed", None, f"needed more than the {memory_mb} MB a file may use", True
    except Exception as exc:  # reported as this file's failure, never hidden
        return "failed", None, f"unexpected error, please report it: {type(exc).__name__}: {exc}", False
    finally:
        if memory_mb:
            _cap(None)


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _serve(tasks: dict, channel, memory_mb: int | None, close_fds: tuple[int, ...]) -> None:
    """A worker's life: files one after another, as the parent hands them out by key, until told to stop; it
    retires once it has grown by half a file's memory (RETIRE_MB without a cap) and after a file that ran out
    of memory."""
    def ask(question: object) -> object:
        """The parent's answer, e.g. whether a file's hash is new, before the expensive part begins."""
        channel.send(("ask", question, None, False))
        return channel.recv()

    try:
        _limit(close_fds)
        folder, started = _use_own_temp(), _address_space()
        grown = (memory_mb or RETIRE_MB * 2) * 1024 * 1024 // 2
        while True:
            try:
                key = channel.recv()
            except EOFError:
                break
            if key is None:
                break
            status, value, reason, exhausted = _attempt(tasks[key], ask, memory_mb)
            _empty(folder)  # what this file left in the temp folder was either stored or is not needed
            retire = exhausted or _address_space() - started > grown
            channel.send((status, value, reason, retire))
            if retire:
                break
    finally:
        os._exit(0)  # no clean-up of the parent's catalog connection in the child


RETIRE_MB = 512  # without a memory cap, a worker is replaced once it has grown by this much


@dataclass
class _Worker:
    process: object
    channel: object
    key: object = None  # the file it is reading, None while idle
    started: float = 0.0
    allowed: float = 0.0


def run(tasks: list[Task], jobs: int, timeout: float | Callable[[object], float], memory_mb: int | None,
        close_fds: tuple[int, ...] = (), answer: Callable[[object, object], object] | None = None,
        started: Callable[[object], None] | None = None) -> Iterator[Outcome]:
    """Outcomes in the order the workers finish.

    `started(key)` is told when a worker is handed a task, so a progress display can name the file being read.

    `answer(key, question)` replies to a worker's `ask`; `timeout` may be a
    function of the task's key, asked again after every question, so a limit
    can grow once a worker has said how big its file is (pages of a scan).
    A worker stopped at its limit, or that died, is replaced by a fresh one.
    """
    def limit(key) -> float:
        return timeout(key) if callable(timeout) else timeout

    def spawn() -> _Worker:
        channel, theirs = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(target=_serve, args=(by_key, theirs, memory_mb, close_fds), daemon=True)
        process.start()
        own_group(process.pid)
        theirs.close()
        return _Worker(process, channel)

    def retire(worker: _Worker, stop: bool) -> None:
        if stop:
            _stop(worker.process)
        else:
            worker.process.join(5)
        worker.channel.close()
        _remove_temp(worker.process)

    sweep_temp()
    by_key = {task.key: task for task in tasks}  # the workers, forked from here, know every task by its key
    pending = [task.key for task in reversed(tasks)]
    idle: list[_Worker] = []
    busy: dict[object, _Worker] = {}  # channel -> worker
    try:
        while pending or busy:
            while pending and len(busy) < max(1, jobs):
                worker = idle.pop() if idle else spawn()
                worker.key = pending.pop()
                worker.started, worker.allowed = time.monotonic(), limit(worker.key)
                try:
                    worker.channel.send(worker.key)
                except (BrokenPipeError, OSError):  # it died while idle: its file goes to a fresh worker
                    pending.append(worker.key)
                    retire(worker, stop=True)
                    continue
                busy[worker.channel] = worker
                if started:
                    started(worker.key)
            for channel in wait(list(busy), timeout=0.25):
                worker = busy[channel]
                try:
                    status, value, reason, done = channel.recv()
                except (EOFError, OSError):  # the worker died: only the pipe's own failure is read as that
                    worker.process.join(5)
                    status, value, reason, done = "failed", None, _died(worker.process, memory_mb), True
                if status == "ask":
                    reply = answer(worker.key, value) if answer else None
                    worker.allowed = limit(worker.key)
                    try:
                        channel.send(reply)
                    except (BrokenPipeError, OSError):  # it died while the parent answered: seen at the next recv
                        pass
                    continue
                busy.pop(channel)
                key = worker.key
                if done:
                    retire(worker, stop=False)
                else:
                    worker.key = None
                    idle.append(worker)
                yield Outcome(key, status, value, reason)
            now = time.monotonic()
            for channel, worker in list(busy.items()):
                if now - worker.started > worker.allowed:
                    busy.pop(channel)
                    retire(worker, stop=True)
                    yield Outcome(worker.key, "failed", reason=f"took longer than {worker.allowed:g} s and was stopped")
        for worker in idle:  # done: told to stop, they end on their own
            try:
                worker.channel.send(None)
            except (BrokenPipeError, OSError):
                pass
        for worker in idle:
            retire(worker, stop=False)
        idle.clear()
    finally:  # the caller stopped early (a full disk, Ctrl-C): no worker may go on writing to the archive
        for worker in [*busy.values(), *idle]:
            retire(worker, stop=True)


def own_group(pid: int) -> None:
    """Put a child just forked in a process group of its own from the parent's side too (it does so itself in
    `_limit`): a Ctrl-C that comes before the child gets there must reach only the parent, which then stops
    the child itself."""
    try:
        os.setpgid(pid, pid)
    except OSError:  # already its own group leader, or already gone
        pass


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
