"""Backups of the whole portal: the database, the public media and the private attachments.

A backup is a folder, `var/backups/<YYYYmmdd-HHMMSS>/`, holding

- `database.dump`: pg_dump's custom format, taken in a snapshot of the database;
- `media.tar` and `attachments.tar`: the files of the media and attachment storages' folders
  (MEDIA_ROOT and APPLICATIONS_ATTACHMENT_ROOT);
- `manifest.json`: the SHA-256 of those three files, of every file inside the archives, and the
  number of rows of every table as the snapshot saw them.

The rows are counted in the very snapshot that pg_dump reads (pg_export_snapshot), so a restore
can check that it got every row. The files are archived right after the snapshot: a file added
meanwhile is one more than the database needs (harmless), and only one deleted in those seconds
(an article's photo) would be missing.

A restore first checks every checksum, then rebuilds the database from nothing (drop, create,
pg_restore), checks every table's row count against the manifest, and puts each file tree in
place, keeping the one it replaces beside it. Nothing is changed when a check fails.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import psycopg2
import psycopg2.errors
from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone
from psycopg2 import sql
from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

MANIFEST = "manifest.json"
DUMP = "database.dump"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


# The file storages a backup holds (STORAGES), by the name of their archive.
FILE_STORAGES = {"media": "default", "attachments": "attachments"}


def file_trees():
    """{name: folder} of the file trees a backup holds: the folders of the file storages."""
    trees = {}
    for name, alias in FILE_STORAGES.items():
        try:
            trees[name] = Path(storages[alias].path(""))
        except NotImplementedError:
            raise BackupError(
                f"The {alias!r} storage keeps its files outside this machine's file system: "
                "back them up where they are kept (an object store's versions or replication)."
            ) from None
    return trees


def program(name):
    """A PostgreSQL client program: from PORTAL_PG_BIN, PATH, or the newest installed server."""
    if os.environ.get("PORTAL_PG_BIN"):
        return str(Path(os.environ["PORTAL_PG_BIN"]) / name)
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    found = shutil.which(name) or (installed and str(installed[-1]))
    if not found:
        raise BackupError(f"{name} was not found: install the PostgreSQL client programs.")
    return found


def connection_params(database=None):
    params = connections["default"].get_connection_params()
    params.pop("cursor_factory", None)
    if database:
        params["dbname"] = database
    return params


def libpq_environment(params):
    """The environment that makes pg_dump and pg_restore reach the same server as Django."""
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
    env = {**os.environ, "PGDATABASE": params["dbname"]}
    env.update({variable: str(params[key]) for key, variable in names.items() if params.get(key)})
    return env


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashingReader:
    def __init__(self, file):
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def table_row_counts(cursor):
    cursor.execute(
        "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' "
        "ORDER BY tablename"
    )
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {table}")
        counts[table] = cursor.fetchone()[0]
    return counts


# Backing up


def backup(destination_root, *, say=lambda message: None):
    """Write a backup into a new folder under destination_root; return the folder."""
    folder = Path(destination_root) / timezone.localtime().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, mode=0o700)
    params = connection_params()
    manifest = {"format": FORMAT, "created_at": timezone.now().isoformat()}
    manifest["database"] = dump_database(params, folder / DUMP)
    say(f"Database {params['dbname']}: {sum(manifest['database']['tables'].values())} rows.")
    manifest["trees"] = {}
    for name, root in file_trees().items():
        manifest["trees"][name] = archive_tree(root, folder / f"{name}.tar")
        say(f"{name.capitalize()}: {len(manifest['trees'][name]['files'])} files from {root}.")
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    for path in folder.iterdir():
        path.chmod(0o600)
    return folder


def dump_database(params, path):
    with psycopg2.connect(**params) as snapshot_holder:
        snapshot_holder.set_session(isolation_level=ISOLATION_LEVEL_REPEATABLE_READ, readonly=True)
        with snapshot_holder.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = table_row_counts(cursor)
            # pg_dump reads the same snapshot while this transaction stays open.
            run(
                [program("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
                params,
            )
    snapshot_holder.close()
    return {"file": DUMP, "sha256": sha256_of(path), "size": path.stat().st_size, "tables": tables}


def archive_tree(root, path):
    files = {}
    with tarfile.open(path, "w") as archive:
        if root.is_dir():
            for file_path in sorted(root.rglob("*")):
                if not file_path.is_file() or file_path.is_symlink():
                    continue
                name = file_path.relative_to(root).as_posix()
                info = archive.gettarinfo(file_path, arcname=name)
                with open(file_path, "rb") as file:
                    reader = HashingReader(file)
                    archive.addfile(info, reader)
                files[name] = reader.digest.hexdigest()
    return {"file": path.name, "sha256": sha256_of(path), "files": files}


def run(command, params):
    result = subprocess.run(command, env=libpq_environment(params), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result


# Restoring


def read_manifest(folder):
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: unknown backup format {manifest.get('format')!r}.")
    return manifest


def verify(folder):
    """Check every checksum of the backup in `folder`; return its manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    parts = [manifest["database"], *manifest["trees"].values()]
    for part in parts:
        if sha256_of(folder / part["file"]) != part["sha256"]:
            raise BackupError(f"{part['file']} does not match its checksum: the backup is damaged.")
    for tree in manifest["trees"].values():
        found = {}
        with tarfile.open(folder / tree["file"]) as archive:
            for member in archive:
                if member.isfile():
                    found[member.name] = hashlib.file_digest(
                        archive.extractfile(member), "sha256"
                    ).hexdigest()
        if found != tree["files"]:
            raise BackupError(f"The files in {tree['file']} differ from the manifest.")
    return manifest


def restore(folder, *, database, roots, say=lambda message: None):
    """Restore the backup in `folder` into the database named `database` (dropped and created
    again) and into the folders `roots` ({tree name: folder}). Returns where the replaced file
    trees were kept."""
    folder = Path(folder)
    manifest = verify(folder)
    say("Every checksum matches.")
    restore_database(folder / manifest["database"]["file"], database, manifest["database"])
    rows = sum(manifest["database"]["tables"].values())
    say(f"Database {database}: every table has its rows, {rows} in all.")
    kept = {}
    for name, tree in manifest["trees"].items():
        kept[name] = restore_tree(folder / tree["file"], Path(roots[name]), tree["files"])
        say(f"{name.capitalize()}: {len(tree['files'])} files in {roots[name]}.")
    return kept


def restore_database(dump, database, expected):
    drop_database(database)
    admin = psycopg2.connect(**connection_params("postgres"))
    try:
        admin.autocommit = True  # CREATE DATABASE refuses to run in a transaction
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    finally:
        admin.close()
    params = connection_params(database)
    jobs = str(max(1, min(4, os.cpu_count() or 1)))
    run(
        [
            program("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--jobs={jobs}",
            f"--dbname={database}",
            str(dump),
        ],
        params,
    )
    with psycopg2.connect(**params) as restored, restored.cursor() as cursor:
        counts = table_row_counts(cursor)
    restored.close()
    if counts != expected["tables"]:
        differing = sorted(
            table
            for table in counts.keys() | expected["tables"].keys()
            if counts.get(table) != expected["tables"].get(table)
        )
        raise BackupError(f"The restored database differs from the backup in: {differing}")


def drop_database(database, attempts=5):
    """Drop the database, ending the sessions of the portal's own role in it (gunicorn, the mail
    worker). Not WITH (FORCE): that needs the right to end every session, autovacuum's included,
    which only a superuser has; a plain DROP ends autovacuum's work itself."""
    admin = psycopg2.connect(**connection_params("postgres"))
    admin.autocommit = True  # DROP DATABASE refuses to run in a transaction
    try:
        for attempt in range(attempts):
            with admin.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
                    [database],
                )
                try:
                    cursor.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database))
                    )
                    return
                except psycopg2.errors.ObjectInUse:
                    # Another session came, or one of another role is connected.
                    if attempt == attempts - 1:
                        raise BackupError(
                            f"The database {database} is in use by other sessions: stop them "
                            "(gunicorn, the mail worker, psql) and restore again."
                        ) from None
                    time.sleep(1)
    finally:
        admin.close()


def restore_tree(archive_path, root, expected):
    """Extract next to `root`, check every file, then swap it in; return where the old tree
    went (None when there was none)."""
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=f".{root.name}.restoring-", dir=root.parent))
    with tarfile.open(archive_path) as archive:
        archive.extractall(incoming, filter="data")
    found = {
        path.relative_to(incoming).as_posix(): sha256_of(path)
        for path in incoming.rglob("*")
        if path.is_file()
    }
    if found != expected:
        shutil.rmtree(incoming)
        raise BackupError(f"The files restored from {archive_path.name} differ from the manifest.")
    kept = None
    if root.exists():
        incoming.chmod(root.stat().st_mode & 0o777)
        kept = root.with_name(f"{root.name}.before-restore-{timezone.localtime():%Y%m%d-%H%M%S}")
        root.rename(kept)
    else:
        incoming.chmod(0o755)
    incoming.rename(root)
    return kept
