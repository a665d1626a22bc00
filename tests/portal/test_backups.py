"""A backup restores into a new database and file tree with every row and every file."""

import hashlib

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from applications.uploads import check_upload
from portal.backups import connection_params, drop_database, table_row_counts
from tests.factories import PDF_BYTES, make_application, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roots(media_root, attachment_root):
    return {"media": media_root, "attachments": attachment_root}


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    drop_database(name)
    yield name
    drop_database(name)


@pytest.fixture
def portal_with_files(roots, citizen, make_article):
    make_article(photo=True)
    make_application(
        applicant=citizen,
        attachments=[
            check_upload(upload(name, PDF_BYTES)) for name in ["passport.pdf", "letter.pdf"]
        ],
    )


def checksums(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def row_counts(database):
    with psycopg2.connect(**connection_params(database)) as other, other.cursor() as cursor:
        counts = table_row_counts(cursor)
    other.close()
    return counts


def restore(backup, database, tmp_path):
    call_command(
        "restore",
        str(backup),
        database=database,
        media_root=str(tmp_path / "restored-media"),
        attachments_root=str(tmp_path / "restored-attachments"),
        interactive=False,
        verbosity=0,
    )


def test_a_backup_restores_every_row_and_every_file(
    portal_with_files, roots, restored_database, tmp_path
):
    originals = {name: checksums(root) for name, root in roots.items()}
    call_command("backup", output=str(tmp_path / "backups"), verbosity=0)
    [backup] = (tmp_path / "backups").iterdir()

    restore(backup, restored_database, tmp_path)

    assert row_counts(restored_database) == row_counts(connection.settings_dict["NAME"])
    assert len(originals["media"]) >= 2
    assert len(originals["attachments"]) == 2
    assert checksums(tmp_path / "restored-media") == originals["media"]
    assert checksums(tmp_path / "restored-attachments") == originals["attachments"]


def test_a_damaged_backup_is_refused_before_anything_changes(
    portal_with_files, roots, restored_database, tmp_path
):
    call_command("backup", output=str(tmp_path / "backups"), verbosity=0)
    [backup] = (tmp_path / "backups").iterdir()
    archive = backup / "attachments.tar"
    damaged = bytearray(archive.read_bytes())
    damaged[600] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    (tmp_path / "restored-media").mkdir()
    (tmp_path / "restored-media" / "kept.txt").write_text("still here")

    with pytest.raises(CommandError, match="does not match its checksum"):
        restore(backup, restored_database, tmp_path)

    assert (tmp_path / "restored-media" / "kept.txt").read_text() == "still here"
    with psycopg2.connect(**connection_params("postgres")) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [restored_database])
        assert cursor.fetchone() is None
    admin.close()
