"""The servers the benchmark starts: gunicorn with the portal, and nginx in front of it.

Each runs in its own session, so a Ctrl-C in the terminal reaches the benchmark only; the
benchmark stops what it started, by process id, when it ends for any reason.
"""

import grp
import gzip
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
NGINX_EXAMPLE = BASE_DIR / "docs" / "nginx.conf.example"
# What the shipped example says, and what the benchmark puts in its place.
NGINX_EXAMPLE_UPSTREAM = "server 127.0.0.1:8000 "
NGINX_EXAMPLE_LISTEN = "listen 80;"
NGINX_EXAMPLE_STATIC_ROOT = "/srv/portal/var/static/"
NGINX_EXAMPLE_CACHE_PATH = "/var/cache/nginx/portal"
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url, process, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} did not start:\n{tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s:\n{tail(log)}")


def tail(log, lines=30):
    try:
        return "\n".join(Path(log).read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def stop(process, name, stop_signal=signal.SIGTERM):
    if process.poll() is not None:
        return
    process.send_signal(stop_signal)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        sys.stderr.write(f"{name} (pid {process.pid}) did not stop; killing it.\n")
        process.kill()
        process.wait()


@contextmanager
def gunicorn(*, workers, environment, log):
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            f"--chdir={BASE_DIR}",
        ],
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/healthz", process, log)
        yield process, port
    finally:
        stop(process, "gunicorn")


def worker_memory(master_pid):
    """Resident memory in MB of each child of the gunicorn master."""
    memory = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = dict(
                line.split(":", 1) for line in (entry / "status").read_text().splitlines()
            )
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        if int(status["PPid"]) == master_pid:
            memory[int(entry.name)] = round(int(status["VmRSS"].split()[0]) / 1024, 1)
    return dict(sorted(memory.items()))


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    """(pid, parent pid, command line) of every process that can be read."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
        yield int(entry.name), parent, command


def cpu_seconds(pids):
    """The user and system CPU time that each process has used so far."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return used


def cpu_used(master_pid, database):
    """The CPU seconds each of the gunicorn master's workers, and each PostgreSQL backend
    connected to the database, has used so far."""
    workers, backends = [], []
    for pid, parent, command in processes():
        if parent == master_pid:
            workers.append(pid)
        elif command.startswith("postgres: ") and f" {database} " in command:
            backends.append(pid)
    return cpu_seconds(workers), cpu_seconds(backends)


def cpu_between(before, after):
    """CPU seconds used between two readings by the processes of the second (a process that
    started in between counts from its start; one that ended is left out)."""
    return sum(seconds - before.get(pid, 0) for pid, seconds in after.items())


def find_program(program):
    return shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/local/sbin")


def find_or_install(program, package):
    """The program's path; installs its package with apt-get as root; None when neither works."""
    found = find_program(program)
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    sys.stdout.write(f"Installing {package} with apt-get...\n")
    sys.stdout.flush()
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", package]
    if subprocess.run(install, env=environment, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=environment, capture_output=True)
        subprocess.run(install, env=environment, capture_output=True)
    return find_program(program)


@contextmanager
def redis(*, program):
    """A Redis of the benchmark's own on a free port, keeping nothing on disk."""
    with tempfile.TemporaryDirectory(prefix="portal-bench-redis-") as directory:
        port = free_port()
        log = Path(directory) / "redis.log"
        process = subprocess.Popen(
            [
                program,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory,
                "--logfile",
                str(log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            for _ in range(100):
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            stop(process, "redis-server")


def replace_once(text, old, new):
    if text.count(old) != 1:
        raise RuntimeError(f"{NGINX_EXAMPLE} should contain “{old}” exactly once.")
    return text.replace(old, new)


def nginx_site(*, port, upstream_ports, static_root, cache_path):
    """docs/nginx.conf.example with these ports and paths, one upstream server line for each
    port: the shipped configuration, as the benchmark and `make cluster` run it."""
    site = NGINX_EXAMPLE.read_text()
    site = replace_once(site, NGINX_EXAMPLE_LISTEN, f"listen 127.0.0.1:{port};")
    example_server = site[site.find(NGINX_EXAMPLE_UPSTREAM) :].split("\n", 1)[0]
    options = example_server.removeprefix(NGINX_EXAMPLE_UPSTREAM)
    servers = "\n    ".join(f"server 127.0.0.1:{upstream} {options}" for upstream in upstream_ports)
    site = replace_once(site, example_server, servers)
    site = replace_once(site, NGINX_EXAMPLE_STATIC_ROOT, f"{static_root}/")
    return replace_once(site, NGINX_EXAMPLE_CACHE_PATH, str(cache_path))


def nginx_main_config(*, directory, user):
    """What /etc/nginx/nginx.conf holds on a server; here every path is in the temporary folder."""
    mime_types = (
        f"include {NGINX_MIME_TYPES};" if NGINX_MIME_TYPES.exists() else "types { text/html html; }"
    )
    return f"""{f"user {user};" if user else ""}
worker_processes auto;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    {mime_types}
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log off;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/portal.conf;
}}
"""


@contextmanager
def nginx(*, program, upstream_port, static_files):
    """nginx on a free port with the example's site configuration, in a temporary folder.

    static_files maps names to contents: they take the place of the collected static files.
    """
    with tempfile.TemporaryDirectory(prefix="portal-bench-nginx-") as name:
        directory = Path(name)
        port = free_port()
        static_root = directory / "static"
        static_root.mkdir()
        for file_name, content in static_files.items():
            (static_root / file_name).write_text(content)
            # As collectstatic does (whitenoise): nginx sends it compressed without compressing.
            (static_root / f"{file_name}.gz").write_bytes(gzip.compress(content.encode()))
        site = nginx_site(
            port=port,
            upstream_ports=[upstream_port],
            static_root=static_root,
            cache_path=directory / "cache",
        )
        (directory / "portal.conf").write_text(site)
        # As root, nginx's workers run as an unprivileged user, who must own the folder.
        user = None
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            user = f"nobody {grp.getgrgid(nobody.pw_gid).gr_name}"
            for path in [directory, *directory.rglob("*")]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        config = directory / "nginx.conf"
        config.write_text(nginx_main_config(directory=directory, user=user))
        log = directory / "error.log"
        command = [program, "-p", str(directory), "-c", str(config), "-e", str(log)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
        process = subprocess.Popen(
            [*command, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            first_file = next(iter(static_files))
            wait_until_answering(f"http://127.0.0.1:{port}/static/{first_file}", process, log)
            yield process, port
        finally:
            # SIGQUIT: finish the requests in progress, then stop.
            stop(process, "nginx", signal.SIGQUIT)


if __name__ == "__main__":
    # scripts/cluster.sh: python -m scripts.bench.servers <port> <static root> <cache> <upstream>...
    port, static_root, cache_path, *upstream_ports = sys.argv[1:]
    site = nginx_site(
        port=port, upstream_ports=upstream_ports, static_root=static_root, cache_path=cache_path
    )
    sys.stdout.write(site)
