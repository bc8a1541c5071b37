import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.TimeUnit;

/**
 * A local SolrCloud for development, tests and CI: one ZooKeeper and N Solr (Jetty) nodes, each in
 * its own JVM so that a kill -9 of a node is a real crash, and every socket bound to 127.0.0.1.
 *
 *   java -cp CP Cluster [--nodes 2] [--dir DIR] [--zk-port P] [--heap 512m]   supervisor (default)
 *   java -cp CP Cluster zk   PORT DATADIR                                     one ZooKeeper (child)
 *   java -cp CP Cluster node ZKHOST PORT SOLRHOME                             one Solr node (child)
 *
 * The supervisor prints "ZK 127.0.0.1:P pid", "NODE i URL pid" per node, then "READY file secs",
 * and keeps DIR/cluster.json up to date. stdin commands: "kill I" (SIGKILL), "stop I" (graceful),
 * "start I" (restart on the same port and home), "status", "quit". EOF on stdin or SIGTERM stops
 * everything (nodes first, then ZooKeeper). Children exit when their stdin, a pipe from the
 * supervisor, closes, so even a kill -9 of the supervisor leaves nothing behind.
 *
 * The cluster is disposable: ports are chosen free at each start and node names contain the port,
 * so a start wipes the ZooKeeper data and node homes a previous run left in DIR.
 */
public class Cluster {
  static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("zk")) { runZk(Integer.parseInt(args[1]), args[2]); return; }
    if (args.length > 0 && args[0].equals("node")) { runNode(args[1], Integer.parseInt(args[2]), args[3]); return; }
    new Cluster(args).supervise();
  }

  // ---------------------------------------------------------------- children

  /** Exit (running shutdown hooks) when the parent closes our stdin. */
  static void exitOnStdinEof() {
    Thread t = new Thread(() -> {
      try { while (System.in.read() != -1) { } } catch (IOException ignored) { }
      System.exit(0);
    }, "stdin-watch");
    t.setDaemon(true);
    t.start();
  }

  static void runZk(int port, String dataDir) throws Exception {
    System.setProperty("zookeeper.admin.enableServer", "false"); // AdminServer would bind 0.0.0.0:8080
    Properties p = new Properties();
    p.setProperty("dataDir", dataDir);
    p.setProperty("clientPort", Integer.toString(port));
    p.setProperty("clientPortAddress", HOST);
    p.setProperty("tickTime", "2000");
    p.setProperty("maxClientCnxns", "0");
    p.setProperty("4lw.commands.whitelist", "mntr,conf,ruok");
    Files.createDirectories(Path.of(dataDir));
    var qc = new org.apache.zookeeper.server.quorum.QuorumPeerConfig();
    qc.parseProperties(p);
    var sc = new org.apache.zookeeper.server.ServerConfig();
    sc.readFrom(qc);
    exitOnStdinEof();
    new org.apache.zookeeper.server.ZooKeeperServerMain().runFromConfig(sc); // blocks
  }

  static final String SOLR_XML =
      "<solr>\n"
          + "  <str name=\"coreRootDirectory\">${coreRootDirectory:.}</str>\n"
          + "  <str name=\"allowPaths\">${solr.allowPaths:}</str>\n"
          + "  <shardHandlerFactory name=\"shardHandlerFactory\" class=\"HttpShardHandlerFactory\">\n"
          + "    <int name=\"socketTimeout\">${socketTimeout:90000}</int>\n"
          + "    <int name=\"connTimeout\">${connTimeout:15000}</int>\n"
          + "  </shardHandlerFactory>\n"
          + "  <solrcloud>\n"
          + "    <str name=\"host\">127.0.0.1</str>\n"
          + "    <int name=\"hostPort\">${hostPort:8983}</int>\n"
          + "    <str name=\"hostContext\">${hostContext:solr}</str>\n"
          + "    <str name=\"zkHost\">${zkHost:}</str>\n"
          + "    <int name=\"zkClientTimeout\">${zkClientTimeout:15000}</int>\n"
          + "    <bool name=\"genericCoreNodeNames\">true</bool>\n"
          + "    <int name=\"leaderVoteWait\">10000</int>\n"
          + "  </solrcloud>\n"
          + "</solr>\n";

  static void runNode(String zkHost, int port, String home) throws Exception {
    Path h = Path.of(home);
    Files.createDirectories(h);
    Path xml = h.resolve("solr.xml");
    if (!Files.exists(xml)) Files.writeString(xml, SOLR_XML);
    System.setProperty("zkHost", zkHost);
    System.setProperty("hostPort", Integer.toString(port));
    System.setProperty("hostContext", "solr");
    var cfg = org.apache.solr.embedded.JettyConfig.builder()
        .setPort(port).setContext("/solr").stopAtShutdown(true).build();
    var jetty = new org.apache.solr.embedded.JettySolrRunner(home, cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try { jetty.stop(); } catch (Exception e) { e.printStackTrace(); }
    }));
    exitOnStdinEof(); // also while starting: a supervisor gone mid-start must not leave a node behind
    jetty.start();
    System.out.println("STARTED " + jetty.getBaseUrl());
    Thread.currentThread().join();
  }

  // ---------------------------------------------------------------- supervisor

  final int nodes;
  final Path dir;
  final String heap;
  int zkPort;
  Process zk;
  final int[] ports;
  final Process[] procs;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Cluster(String[] args) throws IOException {
    int n = 2, zp = 0;
    String d = "build/solr-cluster", hp = "512m";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--nodes": n = Integer.parseInt(args[++i]); break;
        case "--dir": d = args[++i]; break;
        case "--zk-port": zp = Integer.parseInt(args[++i]); break;
        case "--heap": hp = args[++i]; break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    nodes = n; dir = Path.of(d).toAbsolutePath(); heap = hp;
    zkPort = zp == 0 ? freePort() : zp;
    ports = new int[n];
    for (int i = 0; i < n; i++) ports[i] = freePort();
    procs = new Process[n];
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) { return s.getLocalPort(); }
  }

  String zkHost() { return HOST + ":" + zkPort; }
  String url(int i) { return "http://" + HOST + ":" + ports[i] + "/solr"; }

  List<String> javaCmd(String... rest) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + (rest[0].equals("zk") ? "128m" : heap));
    c.add("-XX:+UseSerialGC");
    c.add("-Xss1m");
    c.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"));
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add("Cluster");
    c.addAll(Arrays.asList(rest));
    return c;
  }

  Process spawn(String name, List<String> cmd) throws IOException {
    Path log = dir.resolve("logs").resolve(name + ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  void startZk() throws Exception {
    zk = spawn("zk", javaCmd("zk", Integer.toString(zkPort), dir.resolve("zk").toString()));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(HOST, zkPort), 500);
        s.getOutputStream().write("ruok".getBytes());
        if (new String(s.getInputStream().readAllBytes()).equals("imok")) break;
      } catch (IOException e) { /* not yet */ }
      if (!zk.isAlive() || System.nanoTime() > end) throw new IllegalStateException("ZooKeeper did not start, see logs/zk.log");
      Thread.sleep(100);
    }
    System.out.println("ZK " + zkHost() + " " + zk.pid());
  }

  void startNode(int i) throws Exception {
    procs[i] = spawn("node" + i, javaCmd("node", zkHost(), Integer.toString(ports[i]), dir.resolve("node" + i).toString()));
  }

  void awaitNode(int i) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    var req = HttpRequest.newBuilder(URI.create(url(i) + "/admin/info/system?wt=json")).timeout(Duration.ofSeconds(5)).build();
    while (true) {
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
      } catch (IOException e) { /* not yet */ }
      if (!procs[i].isAlive() || System.nanoTime() > end) throw new IllegalStateException("node " + i + " did not start, see logs/node" + i + ".log");
      Thread.sleep(200);
    }
    System.out.println("NODE " + i + " " + url(i) + " " + procs[i].pid());
  }

  /** Wait until ZooKeeper's live_nodes holds exactly the running nodes: a node answering HTTP has not
   *  necessarily registered yet, and a collection created before that would miss it. */
  void awaitLiveNodes() throws Exception {
    List<String> want = new ArrayList<>();
    int ask = -1;
    for (int i = 0; i < nodes; i++) {
      if (procs[i] != null && procs[i].isAlive()) { want.add("\"" + HOST + ":" + ports[i] + "_solr\""); ask = i; }
    }
    if (ask < 0) return;
    var req = HttpRequest.newBuilder(URI.create(url(ask) + "/admin/collections?action=CLUSTERSTATUS&wt=json"))
        .timeout(Duration.ofSeconds(10)).build();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
      int k = body.indexOf("\"live_nodes\"");
      if (k >= 0) {
        String live = body.substring(k, body.indexOf(']', k));
        int count = live.split("_solr\"", -1).length - 1;
        if (count == want.size() && want.stream().allMatch(live::contains)) return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("live_nodes never reached " + want);
  }

  synchronized void writeState() throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"zkHost\": \"").append(zkHost()).append("\",\n  \"zkPid\": ").append(zk.pid())
        .append(",\n  \"supervisorPid\": ").append(ProcessHandle.current().pid()).append(",\n  \"nodes\": [\n");
    for (int i = 0; i < nodes; i++) {
      boolean alive = procs[i] != null && procs[i].isAlive();
      b.append("    {\"index\": ").append(i).append(", \"url\": \"").append(url(i)).append("\", \"port\": ").append(ports[i])
          .append(", \"pid\": ").append(alive ? procs[i].pid() : -1).append("}").append(i + 1 < nodes ? ",\n" : "\n");
    }
    b.append("  ]\n}\n");
    Path tmp = dir.resolve("cluster.json.tmp");
    Files.writeString(tmp, b);
    Files.move(tmp, dir.resolve("cluster.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static void stopGracefully(Process p, int seconds) {
    if (p == null || !p.isAlive()) return;
    try { p.getOutputStream().close(); } catch (IOException ignored) { } // child exits on stdin EOF
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) { p.destroy(); if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(); }
    } catch (InterruptedException e) { p.destroyForcibly(); }
  }

  /** Old ZooKeeper data names nodes by their old ports, which a new start does not get back. */
  static void wipe(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) Files.delete(q);
    }
  }

  volatile boolean stopped;

  synchronized void stopAll() {
    if (stopped) return;
    stopped = true;
    List<Thread> ts = new ArrayList<>();
    for (Process p : procs) { Thread t = new Thread(() -> stopGracefully(p, 30)); t.start(); ts.add(t); }
    for (Thread t : ts) try { t.join(); } catch (InterruptedException ignored) { }
    stopGracefully(zk, 10);
    try { Files.deleteIfExists(dir.resolve("cluster.json")); } catch (IOException ignored) { }
    System.out.println("STOPPED");
  }

  void supervise() throws Exception {
    long t0 = System.nanoTime();
    wipe(dir.resolve("zk"));
    for (int i = 0; ; i++) { Path h = dir.resolve("node" + i); if (!Files.exists(h)) break; wipe(h); }
    wipe(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("log4j2.xml"),
        "<Configuration status=\"WARN\"><Appenders><Console name=\"c\" target=\"SYSTEM_OUT\">"
            + "<PatternLayout pattern=\"%d{HH:mm:ss.SSS} %-5p [%t] %c{1} %m%n\"/></Console></Appenders>"
            + "<Loggers><Logger name=\"org.apache.zookeeper\" level=\"WARN\"/><Logger name=\"org.eclipse.jetty\" level=\"WARN\"/>"
            + "<Root level=\"${sys:cluster.log.level:-WARN}\"><AppenderRef ref=\"c\"/></Root></Loggers></Configuration>\n");
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    startZk();
    for (int i = 0; i < nodes; i++) startNode(i); // start in parallel, wait after
    for (int i = 0; i < nodes; i++) awaitNode(i);
    awaitLiveNodes();
    writeState();
    System.out.printf(Locale.ROOT, "READY %s %.1fs%n", dir.resolve("cluster.json"), (System.nanoTime() - t0) / 1e9);
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < nodes; i++) urls.add(url(i));
    System.out.println("Point minutes at it: export MINUTES_SOLR_URL=" + String.join(",", urls));
    System.out.println("Commands: kill I | stop I | start I | status | quit (or Ctrl-C, or end of input)");
    System.out.flush();

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] w = line.trim().split("\\s+");
      try {
        switch (w[0]) {
          case "kill": {
            int i = Integer.parseInt(w[1]);
            if (procs[i] == null || !procs[i].isAlive()) { System.out.println("ERROR node " + i + " is not running"); break; }
            procs[i].destroyForcibly().waitFor(); // SIGKILL: a crash, no shutdown hook runs
            writeState(); System.out.println("KILLED " + i); break;
          }
          case "stop": {
            int i = Integer.parseInt(w[1]);
            stopGracefully(procs[i], 30); writeState(); System.out.println("STOPPED " + i); break;
          }
          case "start": {
            int i = Integer.parseInt(w[1]);
            if (procs[i] != null && procs[i].isAlive()) { System.out.println("ERROR node " + i + " is running"); break; }
            long s = System.nanoTime();
            startNode(i); awaitNode(i); awaitLiveNodes(); writeState();
            System.out.printf(Locale.ROOT, "STARTED %d %.1fs%n", i, (System.nanoTime() - s) / 1e9);
            break;
          }
          case "status": writeState(); System.out.print(Files.readString(dir.resolve("cluster.json"))); break;
          case "quit": case "exit": System.exit(0); break;
          case "": break;
          default: System.out.println("ERROR unknown command " + w[0]);
        }
      } catch (Exception e) {
        System.out.println("ERROR " + e);
      }
      System.out.flush();
    }
    System.exit(0); // stdin EOF: shutdown hook stops everything
  }
}
