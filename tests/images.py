"""Image files that cameras, phones and damaged uploads really produce."""

import io
import struct

from PIL import Image


def image_bytes(image_format="JPEG", *, size=(40, 30), colour=(30, 90, 160), exif=None):
    """A plain rectangle, as a file in the given format."""
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(output, format=image_format, **options)
    return output.getvalue()


def exif_with_text_in_a_number_field():
    """An EXIF block that turns the photo upright (orientation 6) and puts text where a number
    belongs: Pillow reads it, then fails to write it back when it turns the photo."""
    orientation = struct.pack("<HHIHH", 0x0112, 3, 1, 6, 0)  # SHORT
    cell_width = struct.pack("<HHI4s", 0x0109, 2, 4, b"Cam\x00")  # ASCII, for a SHORT tag
    return b"Exif\x00\x00II*\x00" + struct.pack("<IH", 8, 2) + orientation + cell_width + bytes(4)


def multi_picture_jpeg(size=(40, 30)):
    """A JPEG holding a second picture (MPO), as many phones write for depth or HDR maps."""
    output = io.BytesIO()
    second = Image.new("RGB", (size[0] // 2, size[1] // 2), "blue")
    Image.new("RGB", size, "red").save(output, format="MPO", save_all=True, append_images=[second])
    return output.getvalue()
