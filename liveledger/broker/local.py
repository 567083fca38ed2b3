"""A real single-node Apache Kafka broker on loopback, without Docker.

The jars come from Maven Central through ``mvn dependency:copy-dependencies``
and the pom beside this file; they are cached under ``kafka_home``. The
broker runs KRaft in combined mode (broker and controller in one JVM).
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from liveledger.broker.props import LOG4J, BrokerTls, node_properties
from liveledger.errors import LiveledgerError

KAFKA_VERSION = "3.9.1"


class BrokerError(LiveledgerError):
    """Root of the local-broker layer."""


class ToolMissing(BrokerError):
    """Java or Maven is not installed."""


class PortInUse(BrokerError):
    """Another process listens on a port the broker needs."""


class BrokerStartFailed(BrokerError):
    """The broker process died or did not answer in time."""


def default_kafka_home() -> Path:
    env = os.environ.get("LIVELEDGER_KAFKA_HOME")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "liveledger" / f"kafka-{KAFKA_VERSION}"


def free_port() -> int:
    """A TCP port nothing listens on at 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def config_on_free_ports(data_dir: Path) -> BrokerConfig:
    """A broker of its own on two free loopback ports (tests, benchmarks, several brokers at once)."""
    return BrokerConfig(
        port=free_port(), controller_port=free_port(), data_dir=data_dir, kafka_home=default_kafka_home()
    )


def default_data_dir() -> Path:
    return Path(os.environ.get("LIVELEDGER_BROKER_DIR", ".liveledger/broker"))


@dataclass(frozen=True)
class BrokerConfig:
    port: int = 9092
    controller_port: int = 9093
    data_dir: Path = Path(".liveledger/broker")
    kafka_home: Path = Path()
    heap_mb: int = 512
    node_id: int = 1
    #: ``controller.quorum.voters``; default: this node alone
    voters: str = ""
    #: how many nodes the cluster has (replication of internal and new topics)
    cluster_size: int = 1
    #: a SASL_SSL client listener instead of PLAINTEXT
    tls: BrokerTls | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ready_bootstrap(self) -> str:
        """A plaintext address that answers without credentials (the internal listener under TLS)."""
        return self.bootstrap if self.tls is None else f"127.0.0.1:{self.tls.internal_port}"

    @property
    def quorum_voters(self) -> str:
        return self.voters or f"{self.node_id}@127.0.0.1:{self.controller_port}"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "broker.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "broker.log"

    @property
    def props_file(self) -> Path:
        return self.data_dir / "server.properties"


def _which(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ToolMissing(f"{tool} not found on PATH: {hint}")
    return path


def ensure_jars(kafka_home: Path, *, quiet: bool = True) -> Path:
    """Resolve the Kafka jars into ``kafka_home/libs`` once; return that folder."""
    libs = kafka_home / "libs"
    stamp = kafka_home / ".complete"
    if stamp.exists() and any(libs.glob("kafka_2.13-*.jar")):
        return libs
    mvn = _which("mvn", "install Apache Maven (e.g. apt-get install maven) to fetch the Kafka jars")
    _which("java", "install a Java 17 runtime (e.g. apt-get install openjdk-17-jre-headless)")
    kafka_home.mkdir(parents=True, exist_ok=True)
    pom = resources.files("liveledger.broker").joinpath("pom.xml")
    with resources.as_file(pom) as pom_path:
        cmd = [
            mvn,
            "-B",
            *(["-q"] if quiet else []),
            "-f",
            str(pom_path),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={libs}",
            "-DincludeScope=runtime",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr)[-2000:]
        raise BrokerError(f"mvn could not fetch the Kafka {KAFKA_VERSION} jars:\n{tail}")
    stamp.write_text(KAFKA_VERSION)
    return libs


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _read_pid(cfg: BrokerConfig) -> int | None:
    try:
        pid = int(cfg.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)  # reap our own child if it exited
        if done == pid:
            return None
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def _write_properties(cfg: BrokerConfig) -> None:
    props = node_properties(
        node_id=cfg.node_id,
        port=cfg.port,
        controller_port=cfg.controller_port,
        voters=cfg.quorum_voters,
        log_dirs=(cfg.data_dir / "kraft-logs").resolve(),
        cluster_size=cfg.cluster_size,
        tls=cfg.tls,
    )
    cfg.props_file.write_text("".join(f"{k}={v}\n" for k, v in props.items()))
    (cfg.data_dir / "log4j.properties").write_text(LOG4J.format(log=(cfg.data_dir / "server.log").resolve()))


def _java_cmd(cfg: BrokerConfig, libs: Path, main: str, *args: str) -> list[str]:
    java = _which("java", "install a Java 17 runtime (e.g. apt-get install openjdk-17-jre-headless)")
    return [
        java,
        f"-Xmx{cfg.heap_mb}m",
        "-Xms128m",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j.configuration=file:{(cfg.data_dir / 'log4j.properties').resolve()}",
        "-cp",
        f"{libs}/*",
        main,
        *args,
    ]


def new_cluster_id() -> str:
    """A KRaft cluster id: 22 characters of URL-safe base64 of a random UUID.

    Never one that starts with ``-``: the storage tool's argument parser would read it as an option.
    """
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _format_storage(cfg: BrokerConfig, libs: Path, cluster_id: str | None = None) -> None:
    if any((cfg.data_dir / "kraft-logs").glob("meta.properties")):
        return
    cluster_id = cluster_id or new_cluster_id()
    scram = cfg.tls.scram_arguments() if cfg.tls else []
    cmd = _java_cmd(cfg, libs, "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(cfg.props_file), *scram)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BrokerStartFailed(f"formatting KRaft storage failed:\n{proc.stdout}{proc.stderr}")


def wait_until_ready(bootstrap: str, timeout: float = 90.0) -> None:
    """Block until the broker answers a metadata request, or raise BrokerStartFailed."""
    import asyncio

    from aiokafka.admin import AIOKafkaAdminClient

    async def probe() -> bool:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
        try:
            await admin.start()
            await admin.list_topics()
            return True
        except Exception:
            return False
        finally:
            await admin.close()

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if asyncio.run(probe()):
            return
        time.sleep(0.5)
    raise BrokerStartFailed(f"broker at {bootstrap} did not answer within {timeout:.0f}s")


def start(cfg: BrokerConfig, *, timeout: float = 90.0) -> tuple[str, bool]:
    """Start the broker unless it runs already. Returns (bootstrap, started_now)."""
    proc = launch(cfg)
    if proc is None:
        wait_until_ready(cfg.ready_bootstrap, timeout=timeout)
        return cfg.bootstrap, False
    await_started(cfg, proc, timeout=timeout)
    return cfg.bootstrap, True


def launch(cfg: BrokerConfig, *, cluster_id: str | None = None) -> subprocess.Popen[bytes] | None:
    """Format the storage if new and start the JVM without waiting; None when it runs already.

    The nodes of a cluster are all launched before any is awaited: a node opens its client port
    only once the controller quorum (a majority of the nodes) has elected a leader.
    """
    cfg.data_dir.mkdir(parents=True, exist_ok=True)
    pid = _read_pid(cfg)
    if pid is not None and _port_taken(cfg.port):
        return None
    ports = [cfg.port, cfg.controller_port] + ([cfg.tls.internal_port] if cfg.tls else [])
    for port in ports:
        if _port_taken(port):
            raise PortInUse(
                f"port {port} on 127.0.0.1 is taken by another process; choose others with --port / --controller-port"
            )
    libs = ensure_jars(cfg.kafka_home)
    _write_properties(cfg)
    _format_storage(cfg, libs, cluster_id)
    log = cfg.log_file.open("ab")
    proc = subprocess.Popen(
        _java_cmd(cfg, libs, "kafka.Kafka", str(cfg.props_file)),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    log.close()
    cfg.pid_file.write_text(str(proc.pid))
    return proc


def await_started(cfg: BrokerConfig, proc: subprocess.Popen[bytes], *, timeout: float = 90.0) -> None:
    """Wait until a launched node opens its client port and answers metadata, or raise BrokerStartFailed."""
    deadline = time.monotonic() + timeout
    while not _port_taken(cfg.port):
        if proc.poll() is not None:
            raise BrokerStartFailed(
                f"broker exited with code {proc.returncode}; see {cfg.log_file} and {cfg.data_dir / 'server.log'}"
            )
        if time.monotonic() > deadline:
            raise BrokerStartFailed(f"broker did not open port {cfg.port} within {timeout:.0f}s")
        time.sleep(0.25)
    wait_until_ready(cfg.ready_bootstrap, timeout=max(5.0, deadline - time.monotonic()))


def signal_stop(cfg: BrokerConfig) -> None:
    """Ask the node to shut down (SIGTERM) without waiting; ``stop`` then waits for it."""
    pid = _read_pid(cfg)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)


def kill(cfg: BrokerConfig) -> bool:
    """kill -9 the node (fault tests): no clean shutdown, no flush. Returns whether one was running."""
    pid = _read_pid(cfg)
    if pid is None:
        return False
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10.0
    while _read_pid(cfg) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    cfg.pid_file.unlink(missing_ok=True)
    return True


def stop(cfg: BrokerConfig, *, timeout: float = 30.0) -> bool:
    """Stop the broker cleanly (SIGTERM, then SIGKILL). Returns whether one was running."""
    pid = _read_pid(cfg)
    if pid is None:
        cfg.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _read_pid(cfg) is None:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    cfg.pid_file.unlink(missing_ok=True)
    return True


def status(cfg: BrokerConfig) -> dict[str, object]:
    """What is known about the broker in ``cfg.data_dir``."""
    pid = _read_pid(cfg)
    return {
        "running": pid is not None and _port_taken(cfg.port),
        "pid": pid,
        "bootstrap": cfg.bootstrap,
        "data_dir": str(cfg.data_dir),
        "log": str(cfg.log_file),
    }
