"""Uploaded images, checked by what they contain and re-encoded before they are kept."""

import io
import warnings

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError


def save_options(pillow_format):
    if pillow_format == "JPEG":
        return {"quality": 88, "optimize": True}
    if pillow_format == "WEBP":
        return {"quality": 85}
    return {"optimize": True}


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
                if image.format not in formats:
                    raise broken
                if image.width * image.height > max_pixels:
                    raise ValidationError(
                        f"“{name}” is {image.width} × {image.height} pixels, too large to use. "
                        "Make it smaller and try again.",
                        code="too_many_pixels",
                    )
                image.load()
                upright = ImageOps.exif_transpose(image)
                if image.format == "JPEG" and upright.mode not in ("RGB", "L"):
                    upright = upright.convert("RGB")
                output = io.BytesIO()
                upright.save(output, format=image.format, **save_options(image.format))
                return output.getvalue(), image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise broken from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            f"“{name}” has too many pixels to be used safely.", code="too_many_pixels"
        ) from error
