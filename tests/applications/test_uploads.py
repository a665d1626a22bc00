import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from applications.uploads import check_upload
from tests.factories import PDF_BYTES, upload
from tests.images import exif_with_text_in_a_number_field, image_bytes, multi_picture_jpeg

pytestmark = pytest.mark.django_db


def exif_with_a_place():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0132] = "2026:11:01 08:00:00"  # when
    return exif.tobytes()


def test_photos_lose_their_exif_but_stay_images():
    original = image_bytes("JPEG", exif=exif_with_a_place())
    assert b"PhoneMaker" in original

    checked = check_upload(upload("holiday.jpeg", original))

    assert b"PhoneMaker" not in checked.content
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 30)
        assert not image.getexif()
    assert (checked.original_name, checked.content_type) == ("holiday.jpg", "image/jpeg")


def test_the_type_comes_from_the_content_not_the_name():
    png_named_as_pdf = check_upload(upload("form.pdf", image_bytes("PNG")))
    pdf = check_upload(upload("letter.PDF", PDF_BYTES))

    assert (png_named_as_pdf.content_type, png_named_as_pdf.original_name) == (
        "image/png",
        "form.png",
    )
    assert (pdf.content_type, pdf.content) == ("application/pdf", PDF_BYTES)
    assert pdf.stored_name.endswith(".pdf")
    assert "letter" not in pdf.stored_name


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("script.jpg", b"<script>alert(1)</script>", "wrong_type"),
        ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "wrong_type"),
        ("empty.png", b"", "empty"),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj", "broken"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"not really an image", "broken"),
        ("fake.jpg", b"\xff\xd8\xff" + b"garbage" * 10, "broken"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content))

    assert error.value.code == code


def test_files_over_the_size_limit_are_refused(settings):
    settings.APPLICATIONS_MAX_ATTACHMENT_BYTES = 1000

    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.pdf", PDF_BYTES + b" " * 1000))

    assert "must be 1000\xa0bytes or smaller" in error.value.messages[0]


def test_images_with_too_many_pixels_are_refused(settings):
    settings.APPLICATIONS_MAX_IMAGE_PIXELS = 100

    with pytest.raises(ValidationError, match="40 × 30 pixels"):
        check_upload(upload("wide.png", image_bytes("PNG")))


def test_a_dangerous_file_name_never_reaches_the_disk():
    checked = check_upload(upload("../../etc/passwd .png", image_bytes("PNG")))

    assert "/" not in checked.original_name
    assert checked.stored_name.endswith(".png")
    assert ".." not in checked.stored_name


def test_a_photo_with_damaged_exif_is_refused_with_a_clear_message():
    damaged = image_bytes("JPEG", exif=exif_with_text_in_a_number_field())

    with pytest.raises(ValidationError) as error:
        check_upload(upload("scan.jpg", damaged))

    assert error.value.code == "broken"
    assert "“scan.jpg” could not be read as an image." in error.value.messages


def test_a_phone_photo_holding_a_second_picture_is_kept_as_a_plain_jpeg():
    checked = check_upload(upload("IMG_0042.JPG", multi_picture_jpeg()))

    with Image.open(io.BytesIO(checked.content)) as image:
        assert (image.format, image.size) == ("JPEG", (40, 30))
    assert (checked.content_type, checked.original_name) == ("image/jpeg", "IMG_0042.jpg")


@pytest.mark.parametrize("name", ["..pdf", '<>:"|?*.pdf', "\u202e\u0007.pdf", " .pdf"])
def test_a_file_name_without_usable_characters_becomes_attachment(name):
    checked = check_upload(upload(name, PDF_BYTES))

    assert checked.original_name == "attachment.pdf"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("site plan 现场.pdf", "site plan 现场.pdf"),
        ("  two   spaces\tand a tab .pdf", "two spaces and a tab.pdf"),
        ("C:\\Users\\Li\\lease #2 (signed).pdf", "lease #2 (signed).pdf"),
        ("🙂 scan.pdf", "🙂 scan.pdf"),
        ("a right-to-left \u202etxt.exe.pdf", "a right-to-left txt.exe.pdf"),
    ],
)
def test_a_file_keeps_the_name_it_was_sent_with_spaces_and_all(name, kept):
    assert check_upload(upload(name, PDF_BYTES)).original_name == kept
