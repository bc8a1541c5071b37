"""A real local SolrCloud (ZooKeeper and Solr nodes, each its own JVM, all on 127.0.0.1) for the tests,
driven through the supervisor in solr/ (`make solr-build`).

conftest.py imports the `solr_cluster` fixture from here. Without MINUTES_TEST_SOLR and without a
built cluster the tests that use it skip; `make test-solr` sets MINUTES_TEST_SOLR=1, and then a
cluster that cannot be built or started is an error, not a skip."""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOLR_DIR = ROOT / "solr"
POM = SOLR_DIR / "pom.xml"
SOURCE = SOLR_DIR / "src" / "main" / "java" / "Cluster.java"
CLASSPATH = SOLR_DIR / "target" / "classpath.txt"
CLASSES = SOLR_DIR / "target" / "classes"
SKIP_REASON = "SolrCloud tests: run make test-solr (builds Solr with Maven and starts a 2-node cluster)"


class SolrClusterError(RuntimeError):
    """The local cluster could not be built, started or driven; the message carries its last output."""


def is_built() -> bool:
    """Built and not older than its sources: Maven is then skipped (it costs ~5 s even when cached)."""
    if not CLASSPATH.exists() or not CLASSES.joinpath("Cluster.class").exists():
        return False
    built = CLASSPATH.stat().st_mtime
    return all(built > source.stat().st_mtime for source in (POM, SOURCE))


def build() -> None:
    if is_built():
        return
    mvn = shutil.which("mvn")
    if mvn is None or shutil.which("java") is None:
        raise SolrClusterError("Java 17 and Maven are needed: apt-get install openjdk-17-jdk-headless maven")
    done = subprocess.run([mvn, "-B", "-q", "-f", str(POM), "package"], capture_output=True, text=True)
    if done.returncode != 0 or not CLASSPATH.exists():
        raise SolrClusterError(f"mvn package failed:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")


def http_json(url: str, *, data: bytes | None = None, content_type: str = "application/json",
              timeout: float = 30) -> dict:
    """Plain urllib, so the cluster tests do not depend on the engine code they are there to support."""
    request = urllib.request.Request(url, data=data)
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


class SolrCluster:
    """One supervisor process and the cluster it owns. Every node it started is gone after stop(), also
    when the test fails, and even when this Python process dies: the supervisor stops on stdin EOF."""

    def __init__(self, nodes: int = 2, directory: Path | None = None, heap: str = "512m",
                 start_timeout: float = 120):
        self.nodes = nodes
        self._own_dir = directory is None
        self.dir = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="solr-cluster-"))
        self.heap = heap
        self.start_timeout = start_timeout
        self.urls: list[str] = []
        self.pids: list[int] = []
        self.zk_host = ""
        self.output: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._process: subprocess.Popen | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self, index: int | None = None, timeout: float = 120) -> SolrCluster:
        """start() starts the cluster; start(i) restarts node i on its old port and home and returns once
        ZooKeeper lists it as live again."""
        if index is not None:
            self._command(f"start {index}", f"STARTED {index}", timeout)
            state = json.loads((self.dir / "cluster.json").read_text())
            self.pids = [node["pid"] for node in state["nodes"]]
            return self
        build()
        classpath = f"{CLASSES}{os.pathsep}{CLASSPATH.read_text().strip()}"
        command = [shutil.which("java") or "java", "-Xmx64m", "-cp", classpath, "Cluster",
                   "--nodes", str(self.nodes), "--dir", str(self.dir), "--heap", self.heap]
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True, name="solr-supervisor-output").start()
        try:
            self._expect("READY", self.start_timeout)
        except BaseException:
            self.stop()
            raise
        state = json.loads((self.dir / "cluster.json").read_text())
        self.zk_host = state["zkHost"]
        self.urls = [node["url"] for node in state["nodes"]]
        self.pids = [node["pid"] for node in state["nodes"]]
        return self

    def stop(self, timeout: float = 60) -> None:
        """Closing stdin is the supervisor's stop signal; SIGKILL only if it hangs (its children then
        still exit on their own stdin EOF)."""
        process = self._process
        if process is None:
            return
        self._process = None
        try:
            if process.stdin:
                process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> SolrCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------------ supervisor commands

    def kill(self, index: int) -> None:
        """kill -9 of one node: a crash, not a shutdown (its ZooKeeper session lingers until it expires)."""
        self._command(f"kill {index}", f"KILLED {index}", 30)
        self.pids[index] = -1

    def _command(self, line: str, expected: str, timeout: float) -> None:
        if self._process is None or self._process.stdin is None:
            raise SolrClusterError("the cluster is not running")
        self._process.stdin.write(line + "\n")
        self._process.stdin.flush()
        self._expect(expected, timeout)

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _expect(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SolrClusterError(f"no {prefix!r} from the Solr supervisor after {timeout:.0f} s; "
                                       f"output:\n{self._tail()}")
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise SolrClusterError(f"the Solr supervisor ended before {prefix!r}; output:\n{self._tail()}")
            self.output.append(line)
            if line.startswith(prefix):
                return line
            if line.startswith("ERROR"):
                raise SolrClusterError(line)

    def _tail(self) -> str:
        logs = sorted((self.dir / "logs").glob("*.log")) if (self.dir / "logs").exists() else []
        text = "\n".join(self.output[-20:])
        for log in logs:
            text += f"\n--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        return text

    # ------------------------------------------------------------------ cluster state over HTTP

    def live_urls(self) -> list[str]:
        return [url for url, pid in zip(self.urls, self.pids) if pid > 0]

    def cluster_status(self, collection: str | None = None) -> dict:
        """CLUSTERSTATUS from the first node that answers: any live node knows the whole cluster."""
        query = {"action": "CLUSTERSTATUS", "wt": "json"}
        if collection:
            query["collection"] = collection
        last: Exception | None = None
        for url in self.live_urls() or self.urls:
            try:
                return http_json(f"{url}/admin/collections?{urllib.parse.urlencode(query)}", timeout=10)["cluster"]
            except (OSError, urllib.error.URLError, ValueError) as error:
                last = error
        raise SolrClusterError(f"no node answered CLUSTERSTATUS: {last}")

    def live_nodes(self) -> list[str]:
        """ZooKeeper's live_nodes (like '127.0.0.1:41234_solr'): a killed node stays in it until its
        ZooKeeper session expires (zkClientTimeout, 15 s here)."""
        return sorted(self.cluster_status().get("live_nodes", []))

    def replica_states(self, collection: str) -> list[tuple[str, str, str]]:
        """(shard, node, state) per replica; a replica whose node is not live counts as 'down' whatever
        ZooKeeper still says, as Solr itself reads it."""
        cluster = self.cluster_status(collection)
        live = set(cluster.get("live_nodes", []))
        shards = cluster["collections"][collection]["shards"]
        return sorted((shard, replica["node_name"],
                       replica["state"] if replica["node_name"] in live else "down")
                      for shard, body in shards.items() for replica in body["replicas"].values())

    def wait_active(self, collection: str, timeout: float = 60) -> float:
        """Seconds until every replica of the collection is active on a live node."""
        started = time.monotonic()
        states: list = []
        while time.monotonic() - started < timeout:
            try:
                states = self.replica_states(collection)
            except (SolrClusterError, KeyError) as error:
                states = [("?", "?", str(error))]
            if states and all(state == "active" for _, _, state in states):
                return time.monotonic() - started
            time.sleep(0.3)
        raise SolrClusterError(f"{collection}: replicas not all active after {timeout:.0f} s: {states}")


def java_processes_of(directory: Path) -> list[str]:
    """Processes whose command line names this cluster's directory: what must be gone after stop()."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        text = " ".join(part.decode(errors="replace") for part in argv)
        if str(directory) in text and "Cluster" in text:
            found.append(f"{proc.name} {text[:200]}")
    return found


@pytest.fixture(scope="session")
def solr_cluster():
    """A 2-node SolrCloud for the whole session. Tests that kill a node start it again and wait for
    their replicas, so the next test finds both nodes live."""
    wanted = bool(os.environ.get("MINUTES_TEST_SOLR"))
    if not wanted and (not is_built() or shutil.which("java") is None):
        pytest.skip(SKIP_REASON)
    cluster = SolrCluster(nodes=2)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
    left = java_processes_of(cluster.dir)
    assert not left, f"processes outlived the Solr cluster: {left}"
