"""Lead photos: checked by content, stored without EXIF, served as a few ready-made sizes."""

import io
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image

from portal.images import check_size, reencode_image, save_options, upload_name

ACCEPTED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_TYPES = [f"image/{pillow_format.lower()}" for pillow_format in ACCEPTED_FORMATS]
RENDITION_WIDTHS = (400, 800, 1200)
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
RENDITIONS_DIR = "news/renditions"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp_url: str
    jpeg_url: str


def clean_photo(upload):
    """Return the photo re-encoded under a random name, or raise ValidationError for the editor."""
    check_size(upload, limit=settings.NEWS_MAX_IMAGE_BYTES)
    name = upload_name(upload, default="photo")
    upload.seek(0)
    content, pillow_format = reencode_image(
        upload,
        name=name,
        formats=ACCEPTED_FORMATS,
        max_pixels=settings.NEWS_MAX_IMAGE_PIXELS,
        broken_message=_("“%(name)s” is not a JPEG, PNG or WebP image, or the file is damaged.")
        % {"name": name},
    )
    upload.seek(0)
    return ContentFile(content, name=secrets.token_hex(16) + ACCEPTED_FORMATS[pillow_format])


def rendition_widths(original_width):
    # Never upscale: a small photo gets one rendition at its own width.
    return sorted({min(width, original_width) for width in RENDITION_WIDTHS})


def rendition_name(image_name, width, extension):
    return f"{PurePosixPath(image_name).stem}-{width}.{extension}"


def rendition_path(image_name, width, extension):
    return f"{RENDITIONS_DIR}/{rendition_name(image_name, width, extension)}"


def delete_photo(image_name, original_width):
    """Delete a photo from storage with every size made of it."""
    widths = rendition_widths(original_width) if original_width else RENDITION_WIDTHS
    for path in [
        image_name,
        *(rendition_path(image_name, width, ext) for width in widths for ext in RENDITION_FORMATS),
    ]:
        default_storage.delete(path)


def make_renditions(image_field):
    """Write each size once, next to nothing public but the sizes themselves."""
    storage = default_storage
    with image_field.open("rb") as source, Image.open(source) as original:
        original.load()
        image = original.convert("RGB")
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for extension, pillow_format in RENDITION_FORMATS.items():
            path = rendition_path(image_field.name, width, extension)
            if storage.exists(path):
                continue
            output = io.BytesIO()
            resized.save(output, format=pillow_format, **save_options(pillow_format))
            storage.save(path, ContentFile(output.getvalue()))
