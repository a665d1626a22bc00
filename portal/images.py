"""Uploaded files: their size checked, and images checked by what they contain and re-encoded
before they are kept."""

import io
import warnings
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps


def upload_name(upload, default="file"):
    """The uploaded file's own name, without any folder the browser sent."""
    return PurePath(upload.name or default).name


def check_size(upload, *, limit):
    """Raise ValidationError, naming the file, when it is empty or larger than limit bytes."""
    name = upload_name(upload)
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s. Each file must be %(limit)s or smaller.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")


def save_options(pillow_format):
    if pillow_format == "JPEG":
        return {"quality": 88, "optimize": True}
    if pillow_format == "WEBP":
        return {"quality": 85}
    return {"optimize": True}


ORIENTATION = 0x0112


def needs_turning(image):
    # exif_transpose copies even an upright photo: a second full-size image in memory.
    return image.getexif().get(ORIENTATION, 1) != 1


# A JPEG holding more pictures (phones add depth and HDR maps) is read as its first picture.
READ_AS = {"MPO": "JPEG"}


def reencode_image(file, *, name, formats, max_pixels, broken_message):
    """Return (bytes, Pillow format) of the image re-encoded, or raise ValidationError.

    Re-encoding drops EXIF (camera, place, time) and anything else hidden in the file;
    the photo is turned upright first, as the orientation tag goes with the rest.
    """
    broken = ValidationError(broken_message, code="broken")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                pillow_format = READ_AS.get(image.format, image.format)
                if pillow_format not in formats:
                    raise broken
                if image.width * image.height > max_pixels:
                    raise ValidationError(
                        _(
                            "“%(name)s” is %(width)s × %(height)s pixels, too large to use. "
                            "Make it smaller and try again."
                        )
                        % {"name": name, "width": image.width, "height": image.height},
                        code="too_many_pixels",
                    )
                image.load()
                upright = (
                    ImageOps.exif_transpose(image, in_place=False)
                    if needs_turning(image)
                    else image
                )
                if pillow_format == "JPEG" and upright.mode not in ("RGB", "L"):
                    upright = upright.convert("RGB")
                output = io.BytesIO()
                upright.save(output, format=pillow_format, **save_options(pillow_format))
                return output.getvalue(), pillow_format
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("“%(name)s” has too many pixels to be used safely.") % {"name": name},
            code="too_many_pixels",
        ) from error
    except Exception as error:
        # Pillow fails on damaged files in many ways (OSError, struct.error, TypeError, ...):
        # whichever it is, the file cannot be used.
        raise broken from error
