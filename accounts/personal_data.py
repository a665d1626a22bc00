"""Download my data: the profile, plus what every other app keeps about the person, as a ZIP.

Any app adds its records by providing `<app>/personal_data.py` with `export(user) -> dict`: the
keys it returns become top-level keys of `data.json`. An app that keeps files of the person
also provides `files(user)`, returning `(path in the ZIP, django File)` pairs; each file is
opened only when its turn comes, copied into the ZIP a chunk at a time and closed, so the
download is streamed and holds at most one chunk in memory, however many files there are.
"""

import io
import json
import logging
import zipfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.utils import timezone

from portal.discovery import app_modules

logger = logging.getLogger(__name__)


def export(user):
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "contact_language": user.get_contact_language_display(),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "two_factor_authentication": sorted(
            Authenticator.Type(kind).label
            for kind in Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "sign_in_sessions": [
            {
                "started_at": session.created_at.isoformat(),
                "ip_address": session.ip,
                "browser": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("-created_at")
        ],
    }


def collect(user):
    data = {"exported_at": timezone.now().isoformat()}
    for module in app_modules("personal_data"):
        data.update(module.export(user))
    return data


def collect_files(user):
    found = []
    for module in app_modules("personal_data"):
        if hasattr(module, "files"):
            found.extend(module.files(user))
    return found


class _Chunks(io.RawIOBase):
    """A write-only, unseekable stream: zipfile then writes each entry's sizes after its data,
    and what it has written so far can be handed on and forgotten."""

    def __init__(self):
        self.written = []

    def writable(self):
        return True

    def write(self, data):
        self.written.append(bytes(data))
        return len(data)

    def take(self):
        taken, self.written = b"".join(self.written), []
        return taken


def zip_chunks(data, files, chunk_size=64 * 1024):
    """The ZIP of `data` (as data.json) and `files`, as a stream of byte strings."""
    stream = _Chunks()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(
            "data.json",
            json.dumps(data, indent=2, ensure_ascii=False),
            compress_type=zipfile.ZIP_DEFLATED,
        )
        yield stream.take()
        for path, file in files:
            try:
                file.open("rb")
            except FileNotFoundError:
                logger.error("Download my data: %s is missing from the file store.", path)
                continue
            # Photos and PDFs are compressed already: stored as they are.
            entry = zipfile.ZipInfo(path, date_time=timezone.localtime().timetuple()[:6])
            entry.file_size = file.size
            with file, archive.open(entry, "w") as copy:
                for chunk in file.chunks(chunk_size):
                    copy.write(chunk)
                    yield stream.take()
    yield stream.take()
