"""Uploaded attachments: checked by what they contain, not by their names, and stored so that
no file outlives a submission that did not commit."""

import io
import re
import secrets
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.images import check_size, reencode_image, upload_name

from .models import Attachment

SIGNATURES = {
    b"%PDF-": Attachment.Kind.PDF,
    b"\xff\xd8\xff": Attachment.Kind.JPEG,
    b"\x89PNG\r\n\x1a\n": Attachment.Kind.PNG,
}
EXTENSIONS = {
    Attachment.Kind.PDF: ".pdf",
    Attachment.Kind.JPEG: ".jpg",
    Attachment.Kind.PNG: ".png",
}
PILLOW_FORMATS = {Attachment.Kind.JPEG: "JPEG", Attachment.Kind.PNG: "PNG"}
KIND_NAMES = {Attachment.Kind.PDF: "PDF", Attachment.Kind.JPEG: "JPEG", Attachment.Kind.PNG: "PNG"}


def kind_names(kinds):
    """The file kinds as a person reads them: PDF; PDF or PNG; PDF, JPEG or PNG."""
    names = [KIND_NAMES[kind] for kind in Attachment.Kind if kind in kinds]
    if len(names) == 1:
        return names[0]
    separator = pgettext("between the items of a list", ", ")
    return _("%(some)s or %(last)s") % {"some": separator.join(names[:-1]), "last": names[-1]}


def accept_attribute(kinds):
    """The file input's `accept`: which files the browser offers first."""
    extensions = {
        Attachment.Kind.PDF: ".pdf",
        Attachment.Kind.JPEG: ".jpg,.jpeg",
        Attachment.Kind.PNG: ".png",
    }
    return ",".join(extensions[kind] for kind in Attachment.Kind if kind in kinds)


@dataclass(frozen=True)
class CheckedUpload:
    original_name: str
    content_type: str
    content: bytes

    @property
    def stored_name(self):
        # A random name: nothing the sender chose reaches the file system.
        return secrets.token_hex(16) + EXTENSIONS[self.content_type]


def kind_of(head):
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def check_upload(upload, *, kinds=tuple(Attachment.Kind), max_bytes=None):
    """Return a CheckedUpload or raise ValidationError with a message for the person.

    `kinds` are the file kinds allowed (all by default), `max_bytes` a size limit below the
    portal's own."""
    limit = settings.APPLICATIONS_MAX_ATTACHMENT_BYTES
    check_size(upload, limit=min(max_bytes, limit) if max_bytes else limit)
    name = upload_name(upload)
    upload.seek(0)
    content = upload.read(16)
    kind = kind_of(content)
    if kind not in kinds:
        raise ValidationError(
            _("“%(name)s” is not a %(kinds)s file. Check the file itself, not just its name.")
            % {"name": name, "kinds": kind_names(kinds)},
            code="wrong_type",
        )
    upload.seek(0)
    content = upload.read()
    if kind == Attachment.Kind.PDF:
        if b"%%EOF" not in content[-1024:]:
            raise ValidationError(
                _("“%(name)s” is not a complete PDF file.") % {"name": name}, code="broken"
            )
    else:
        content = clean_image(content, kind, name)
    return CheckedUpload(
        original_name=safe_file_name(name) + EXTENSIONS[kind], content_type=kind, content=content
    )


# Characters that Windows refuses in a file name (macOS and Linux refuse "/" and ":").
NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*]')


def safe_file_name(name):
    """A sent file's name as the portal shows it and offers it for download, without its
    extension: as it was sent, spaces and all ("site plan"), but without folders, the characters
    no system allows in a file name, invisible characters, or runs of spaces. Files are stored
    under names of their own (attachment_store)."""
    stem = NOT_IN_FILE_NAMES.sub("", PurePath(name.replace("\\", "/")).stem)
    visible = "".join(char for char in stem if char.isprintable() or char.isspace())
    shown = " ".join(visible.split()).strip(". ")[:150].rstrip()
    return shown or "attachment"


def clean_image(content, kind, name):
    content, _pillow_format = reencode_image(
        io.BytesIO(content),
        name=name,
        formats={PILLOW_FORMATS[kind]},
        max_pixels=settings.APPLICATIONS_MAX_IMAGE_PIXELS,
        broken_message=_("“%(name)s” could not be read as an image.") % {"name": name},
    )
    return content


# Files of submissions not committed yet. A file stays here only when its request was
# interrupted: sweep_attachments then finishes its move, or removes it if nothing refers to it.
INCOMING = "incoming"


def attachment_store(upload, *, attachment):
    """Give the attachment its file: written under a temporary name now, moved to the
    attachment's own name once the transaction commits. Returns the temporary name."""
    storage = attachment.file.storage
    # One random name for both places: the sweep finds a file's final place by its name.
    stored_name = upload.stored_name
    final_name = attachment.file.field.generate_filename(attachment, stored_name)
    incoming = storage.save(f"{INCOMING}/{stored_name}", ContentFile(upload.content))
    attachment.file.name = final_name
    transaction.on_commit(partial(move_into_place, storage, incoming, final_name))
    return incoming


def move_into_place(storage, incoming, final_name):
    if not storage.exists(final_name):
        with storage.open(incoming, "rb") as file:
            storage.save(final_name, file)
    storage.delete(incoming)
