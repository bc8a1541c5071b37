"""The local SolrCloud itself (solr/, `make solr`), over plain HTTP: what the Solr engine tests stand on.
A crash of one node (kill -9) must cost no query, and the node must catch up when it comes back."""
import io
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import uuid
import zipfile

import pytest

from solr_support import SKIP_REASON, SolrCluster, http_json, is_built, java_processes_of

pytestmark = [pytest.mark.solr, pytest.mark.slow]

SOLRCONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<config>
  <luceneMatchVersion>9.12</luceneMatchVersion>
  <dataDir>${solr.data.dir:}</dataDir>
  <directoryFactory name="DirectoryFactory" class="solr.NRTCachingDirectoryFactory"/>
  <schemaFactory class="ManagedIndexSchemaFactory"><bool name="mutable">false</bool></schemaFactory>
  <updateHandler class="solr.DirectUpdateHandler2">
    <updateLog><str name="dir">${solr.ulog.dir:}</str></updateLog>
    <autoCommit><maxTime>15000</maxTime><openSearcher>false</openSearcher></autoCommit>
  </updateHandler>
  <requestHandler name="/select" class="solr.SearchHandler"/>
</config>
"""

SCHEMA = """<?xml version="1.0" encoding="UTF-8"?>
<schema name="cluster-test" version="1.6">
  <uniqueKey>id</uniqueKey>
  <fieldType name="string" class="solr.StrField" docValues="true"/>
  <fieldType name="plong" class="solr.LongPointField" docValues="true"/>
  <fieldType name="text" class="solr.TextField">
    <analyzer><tokenizer class="solr.StandardTokenizerFactory"/><filter class="solr.LowerCaseFilterFactory"/></analyzer>
  </fieldType>
  <field name="id" type="string" indexed="true" stored="true" required="true"/>
  <field name="_version_" type="plong" indexed="false" stored="false"/>
  <field name="kind" type="string" indexed="true" stored="true"/>
  <field name="text" type="text" indexed="true" stored="true"/>
</schema>
"""


def configset_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("solrconfig.xml", SOLRCONFIG)
        archive.writestr("managed-schema.xml", SCHEMA)
    return buffer.getvalue()


def docs(first: int, count: int) -> bytes:
    return json.dumps([{"id": f"doc-{n}", "kind": "item" if n % 2 else "decision",
                        "text": f"nämnden beslutade punkt {n}"} for n in range(first, first + count)]).encode()


@pytest.fixture
def collection(solr_cluster):
    """A 2-shard, 2-replica collection on a configset uploaded from this file; both deleted afterwards so
    the session's cluster is left as it was found."""
    name = f"cluster_test_{uuid.uuid4().hex[:8]}"
    url = solr_cluster.urls[0]
    http_json(f"{url}/admin/configs?action=UPLOAD&name={name}&wt=json", data=configset_zip(),
              content_type="application/octet-stream")
    http_json(f"{url}/admin/collections?action=CREATE&name={name}&collection.configName={name}"
              f"&numShards=2&replicationFactor=2&waitForFinalState=true&wt=json", timeout=120)
    yield name
    live = solr_cluster.live_urls()[0]
    http_json(f"{live}/admin/collections?action=DELETE&name={name}&wt=json", timeout=120)
    http_json(f"{live}/admin/configs?action=DELETE&name={name}&wt=json")


def number_found(url: str, collection: str, query: str = "text:nämnden", **params) -> int:
    query_string = urllib.parse.urlencode({"q": query, "rows": 0, "wt": "json", **params})
    return http_json(f"{url}/{collection}/select?{query_string}", timeout=5)["response"]["numFound"]


def test_both_nodes_are_live(solr_cluster):
    expected = sorted(urllib.parse.urlsplit(url).netloc + "_solr" for url in solr_cluster.urls)
    assert solr_cluster.live_nodes() == expected
    assert all(url.startswith("http://127.0.0.1:") for url in solr_cluster.urls)
    assert solr_cluster.zk_host.startswith("127.0.0.1:")


def test_listens_on_127_0_0_1_only(solr_cluster):
    if shutil.which("ss") is None:
        pytest.skip("no ss (iproute2) to list listening sockets")
    state = json.loads((solr_cluster.dir / "cluster.json").read_text())
    pids = {state["zkPid"], state["supervisorPid"], *(node["pid"] for node in state["nodes"])}
    listeners = []
    for line in subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout.splitlines():
        owners = {int(pid) for pid in re.findall(r"pid=(\d+)", line)}
        if owners & pids:
            listeners.append(line.split()[3])
    if not listeners:
        pytest.skip("ss shows no process owners here (not root?)")
    # ZooKeeper's client port and one Jetty port per node, and nothing else: no AdminServer on 0.0.0.0:8080.
    assert len(listeners) == 1 + len(solr_cluster.urls), listeners
    for address in listeners:
        host = address.rsplit(":", 1)[0]
        assert host in ("127.0.0.1", "[::ffff:127.0.0.1]"), listeners


def test_kill_9_of_a_node_loses_no_query_and_the_node_catches_up(solr_cluster, collection):
    urls = solr_cluster.urls
    http_json(f"{urls[1]}/{collection}/update?commit=true&wt=json", data=docs(0, 40))
    assert number_found(urls[0], collection) == 40

    # The node holding most shard leaders is the one to crash: its replicas must take over.
    leaders = [replica["node_name"] for shard in solr_cluster.cluster_status(collection)["collections"][collection]
               ["shards"].values() for replica in shard["replicas"].values() if replica.get("leader") == "true"]
    victim = max(range(len(urls)), key=lambda i: leaders.count(urllib.parse.urlsplit(urls[i]).netloc + "_solr"))

    results, failures, stop = [], [], threading.Event()

    def query_loop():
        """Spread over both nodes; a node that refuses sends the query on to the next one, as a client should."""
        turn = 0
        while not stop.is_set():
            for step in range(len(urls)):
                try:
                    results.append(number_found(urls[(turn + step) % len(urls)], collection))
                    break
                except (OSError, urllib.error.URLError) as error:
                    last = error
            else:
                failures.append(repr(last))
            turn += 1

    loop = threading.Thread(target=query_loop)
    loop.start()
    try:
        time.sleep(2)
        solr_cluster.kill(victim)
        time.sleep(8)
    finally:
        stop.set()
        loop.join()
    assert failures == []
    assert len(results) > 50 and set(results) == {40}

    # Updates: until the dead node's ZooKeeper session expires, Solr may still route to the dead leader
    # (HTTP 500); the engine retries. Here the test retries each second and records how long it took.
    survivor = urls[1 - victim]
    killed_at = time.monotonic() - 8
    for attempt in range(90):
        try:
            http_json(f"{survivor}/{collection}/update?commit=true&wt=json", data=docs(40, 20))
            break
        except urllib.error.HTTPError as error:
            assert error.code in (500, 503), error
            time.sleep(1)
    else:
        pytest.fail("updates kept failing for 90 s after a node was killed")
    print(f"update accepted {time.monotonic() - killed_at:.1f} s after kill -9 ({attempt} failed attempts)")
    assert number_found(survivor, collection) == 60

    solr_cluster.start(victim)
    solr_cluster.wait_active(collection, timeout=120)
    assert sorted(solr_cluster.live_nodes()) == sorted(urllib.parse.urlsplit(u).netloc + "_solr" for u in urls)
    # Caught up: each shard's two replicas hold the same documents, the 20 sent while the node was down too.
    status = solr_cluster.cluster_status(collection)["collections"][collection]["shards"]
    per_shard = {shard: {number_found(r["base_url"], r["core"], "*:*", distrib="false")
                         for r in body["replicas"].values()} for shard, body in status.items()}
    assert all(len(counts) == 1 for counts in per_shard.values()), per_shard
    assert sum(next(iter(counts)) for counts in per_shard.values()) == 60
    assert number_found(urls[victim], collection) == 60


def test_nothing_outlives_a_killed_supervisor(tmp_path):
    """kill -9 of the supervisor (a crashed test run): its children exit on their stdin EOF."""
    if not os.environ.get("MINUTES_TEST_SOLR") and not is_built():
        pytest.skip(SKIP_REASON)
    directory = tmp_path / "cluster"
    cluster = SolrCluster(nodes=1, directory=directory, heap="256m")
    cluster.start()
    try:
        assert len(java_processes_of(directory)) == 3  # supervisor, ZooKeeper, node
        os.kill(cluster._process.pid, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while java_processes_of(directory) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert java_processes_of(directory) == []
    finally:
        cluster.stop()
        for line in java_processes_of(directory):
            os.kill(int(line.split()[0]), signal.SIGKILL)
