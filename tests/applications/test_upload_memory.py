"""An upload's images are decoded within a fixed memory budget: measured in a process of its own,
with the settings the portal runs with."""

import subprocess
import sys

import pytest
from django.conf import settings

MEGABYTE = 1024 * 1024

MEASURE = """
import io, os, resource, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.exceptions import ValidationError
from PIL import Image
from applications.uploads import check_upload

width, height, count = (int(value) for value in sys.argv[1:4])
buffer = io.BytesIO()
Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
content = buffer.getvalue()
del buffer
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
accepted = 0
for number in range(count):
    try:
        check_upload(SimpleUploadedFile(f"photo{number}.png", content))
        accepted += 1
    except ValidationError:
        pass
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(accepted, grown * 1024)
"""


def peak_memory_growth(width, height, count):
    """(images accepted, bytes the process's peak memory grew by while checking them)."""
    # The image itself is made before the measure starts: only checking it counts. A small PNG
    # of one colour holds many pixels, as an attacker's would.
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(width), str(height), str(count)],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_DEBUG": "1", "PATH": ""},
    )
    accepted, grown = result.stdout.split()
    return int(accepted), int(grown)


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory in bytes as Linux counts it")
def test_five_40_megapixel_pngs_are_refused_before_they_are_decoded():
    accepted, grown = peak_memory_growth(8000, 5000, 5)

    assert accepted == 0
    assert grown < 20 * MEGABYTE


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory in bytes as Linux counts it")
def test_five_of_the_largest_photos_accepted_stay_under_70_megabytes():
    width, height = 4900, 3250  # just under the limit of 16 megapixels
    assert width * height <= settings.APPLICATIONS_MAX_IMAGE_PIXELS

    accepted, grown = peak_memory_growth(width, height, 5)

    assert accepted == 5
    assert grown < 70 * MEGABYTE
