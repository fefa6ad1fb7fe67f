"""Starting and stopping the tracking servers the MLflow conformance suite talks to.

Three targets, each a real server process on a free 127.0.0.1 port with its own temp folder:

| target             | process                                                                   |
| ------------------ | ------------------------------------------------------------------------- |
| `reference-sqlite` | `mlflow server` from the pinned PyPI package, SQLite + proxied artifacts |
| `ours-sqlite`      | our CLI `server` command (packages/server), SQLite                        |
| `ours-postgres`    | the same CLI on a PostgreSQL 15 cluster this module creates (initdb)      |
| `reference-twin`   | a second `mlflow server`, compared like ours (checks the suite itself)    |

Every process is started in its own session (process group) and stopped as a group, so the
reference server's uvicorn child and our tsx child never outlive the test run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
OUR_CLI = REPO_ROOT / "packages" / "server" / "src" / "cli" / "main.ts"
# main.ts only exports `main`; the package's bin registers tsx and calls it.
OUR_BIN = REPO_ROOT / "packages" / "server" / "bin" / "dspyflow.mjs"
OURS_MISSING = "our server is not built yet (packages/server/src/cli/main.ts missing)"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
MLFLOW_BIN = Path(sys.executable).parent / "mlflow"

REFERENCE = "reference-sqlite"
OURS_SQLITE = "ours-sqlite"
OURS_POSTGRES = "ours-postgres"
ALL_TARGETS = (REFERENCE, OURS_SQLITE, OURS_POSTGRES)
# A second reference server compared like one of ours: checks that the suite itself is
# deterministic (normalization, ordering). Only when named in MLFLOW_CONFORMANCE_TARGETS.
REFERENCE_TWIN = "reference-twin"
KNOWN_TARGETS = (*ALL_TARGETS, REFERENCE_TWIN)

STARTUP_TIMEOUT_SECONDS = 90
LOG_TAIL_CHARS = 4000

# No telemetry, no background job runner (it forks huey consumers), nothing that phones home.
SERVER_ENV = {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "DO_NOT_TRACK": "true",
    "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
    "PYTHONUNBUFFERED": "1",
}
# Variables of the test process that must not leak into a server.
UNSET_FOR_SERVERS = ("MLFLOW_TRACKING_URI", "MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_RUN_ID")


class ServerStartError(RuntimeError):
    """A server (or its database) did not come up; the message carries the log tail."""


def ours_available() -> bool:
    return OUR_CLI.exists()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET_FOR_SERVERS}
    env.update(SERVER_ENV)
    return env


def log_tail(path: Path) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return text[-LOG_TAIL_CHARS:]


def stop_group(proc: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM the process group, then SIGKILL what is left."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:  # children (uvicorn, tsx's node) may outlive the leader for a moment
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait(timeout=timeout)


@dataclass
class Server:
    """One running tracking server."""

    target: str
    url: str
    workdir: Path
    proc: subprocess.Popen
    log: Path
    startup_seconds: float = 0.0
    extra: list = field(default_factory=list)  # things to stop after the server (PostgreSQL)

    def stop(self) -> None:
        stop_group(self.proc)
        for item in reversed(self.extra):
            item.stop()


def wait_for_health(url: str, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerStartError(f"{what} exited with {proc.returncode} before answering /health:\n{log_tail(log)}")
        try:
            if requests.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    stop_group(proc)
    raise ServerStartError(f"{what} did not answer /health within {STARTUP_TIMEOUT_SECONDS} s:\n{log_tail(log)}")


def launch(target: str, command: list[str], workdir: Path, port: int, extra: list | None = None) -> Server:
    log = workdir / "server.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=server_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, proc, log, f"{target} ({' '.join(command)})")
    except BaseException:
        stop_group(proc)
        for item in reversed(extra or []):
            item.stop()
        raise
    return Server(target, url, workdir, proc, log, time.monotonic() - started, list(extra or []))


def reference_command(workdir: Path, port: int) -> list[str]:
    return [
        str(MLFLOW_BIN),
        "server",
        "--backend-store-uri",
        f"sqlite:///{workdir / 'ref.db'}",
        "--artifacts-destination",
        str(workdir / "ref-artifacts"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
    ]


def ours_command(backend_store_uri: str, workdir: Path, port: int) -> list[str]:
    if OUR_BIN.exists():
        launcher = ["node", str(OUR_BIN.relative_to(REPO_ROOT))]
    else:
        launcher = ["npx", "tsx", str(OUR_CLI.relative_to(REPO_ROOT))]
    return [
        *launcher,
        "server",
        "--backend-store-uri",
        backend_store_uri,
        "--artifacts-destination",
        str(workdir / "ours-artifacts"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


class Postgres:
    """A throwaway PostgreSQL 15 cluster: initdb into a temp folder, random port, one database.

    Runs as the `postgres` user through `runuser` when this process is root (PostgreSQL refuses
    to run as root). Locale C, so text ordering is byte order like SQLite's.
    """

    def __init__(self) -> None:
        # Its own folder under /tmp: pytest's temp folders are private to root (0700), and the
        # cluster runs as the postgres user.
        self.workdir = Path(tempfile.mkdtemp(prefix="dspyflow-pg-"))
        self.data = self.workdir / "pgdata"
        self.sockets = self.workdir / "pgsock"
        self.log = self.workdir / "postgres.log"
        self.port = free_port()
        self.started = False

    def _as_owner(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def _run(self, argv: list[str], what: str) -> None:
        completed = subprocess.run(self._as_owner(argv), capture_output=True, text=True, timeout=120, cwd="/")
        if completed.returncode != 0:
            raise ServerStartError(
                f"PostgreSQL: {what} failed ({completed.returncode}): {' '.join(argv)}\n"
                f"{completed.stdout[-LOG_TAIL_CHARS:]}{completed.stderr[-LOG_TAIL_CHARS:]}\n{log_tail(self.log)}"
            )

    def start(self) -> str:
        if not (PG_BIN / "initdb").exists():
            raise ServerStartError(f"PostgreSQL binaries not found in {PG_BIN}")
        self.sockets.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"],
            "initdb",
        )
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start"], "start")
        self.started = True
        self._run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "dspyflow"], "createdb")
        return f"postgresql://postgres@127.0.0.1:{self.port}/dspyflow"

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
                timeout=60,
                cwd="/",
            )
            self.started = False
        shutil.rmtree(self.workdir, ignore_errors=True)


def start(target: str, workdir: Path) -> Server:
    """Starts `target` in `workdir` (which must exist and be empty) and waits for /health."""
    port = free_port()
    if target in (REFERENCE, REFERENCE_TWIN):
        return launch(target, reference_command(workdir, port), workdir, port)
    if not ours_available():
        raise RuntimeError(OURS_MISSING)
    if target == OURS_SQLITE:
        return launch(target, ours_command(f"sqlite:///{workdir / 'ours.db'}", workdir, port), workdir, port)
    if target == OURS_POSTGRES:
        postgres = Postgres()
        try:
            uri = postgres.start()
        except BaseException:
            postgres.stop()
            raise
        return launch(target, ours_command(uri, workdir, port), workdir, port, extra=[postgres])
    raise ValueError(f"unknown target {target!r}; known: {', '.join(KNOWN_TARGETS)}")
