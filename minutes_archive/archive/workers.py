"""Reading files in worker processes: one per core, each file with a time limit and a memory cap.

A file that hangs a reader or eats all memory fails with a reason while the
rest of the batch goes on. Workers read the files themselves (the parent never
holds a file's bytes, so a huge or endless file costs only its own worker) and
may ask the parent one question on the way, over the same pipe: the parent
alone writes to the catalog, so there is still exactly one writer.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable, Iterator

from ..errors import MinutesError, NeedsOCR

_CONTEXT = multiprocessing.get_context("fork")
PR_SET_PDEATHSIG = 1


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

    pending = list(reversed(tasks))
    running: dict[object, tuple] = {}
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
                if status == "ask":
                    reply = answer(task.key, value) if answer else None
                    running[receiver] = (task, process, started, limit(task))
                    receiver.send(reply)
                    continue
            except (EOFError, OSError):
                process.join(5)
                status, value, reason = "failed", None, _died(process, memory_mb)
            running.pop(receiver)
            receiver.close()
            process.join(5)
            yield Outcome(task.key, status, value, reason)
        now = time.monotonic()
        for receiver, (task, process, started, allowed) in list(running.items()):
            if now - started > allowed:
                _stop(process)
                running.pop(receiver)
                receiver.close()
                yield Outcome(task.key, "failed", reason=f"took longer than {allowed:g} s and was stopped")


def _stop(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.join(5)


def _died(process, memory_mb: int | None) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if name == "SIGKILL" and memory_mb:
            return f"the reader was killed (out of memory?) while reading; a file may use {memory_mb} MB"
        return f"the reader crashed ({name})"
    return f"the reader stopped without an answer (exit code {code})"
