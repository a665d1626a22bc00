import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.images import clean_photo, make_renditions, rendition_widths
from news.models import Article
from news.services import article_save
from tests.images import exif_with_text_in_a_number_field, image_bytes, multi_picture_jpeg

GPS_EXIF = Image.Exif()
GPS_EXIF[0x010F] = "PhoneMaker"  # camera make
GPS_EXIF[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}  # GPS latitude


def upload(content, name="photo.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_photo_is_stored_without_exif_under_a_random_name():
    original = upload(image_bytes(exif=GPS_EXIF))
    with Image.open(io.BytesIO(original.read())) as image:
        assert image.getexif()  # the test photo really carries EXIF

    cleaned = clean_photo(original)

    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert not image.getexif()
        assert image.format == "JPEG"
    assert cleaned.name.endswith(".jpg")
    assert "photo" not in cleaned.name


@pytest.mark.parametrize(("image_format", "extension"), [("PNG", ".png"), ("WEBP", ".webp")])
def test_png_and_webp_are_accepted_and_lose_their_exif(image_format, extension):
    original = image_bytes(image_format=image_format, exif=GPS_EXIF)
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif()

    cleaned = clean_photo(upload(original, name="x.jpg"))

    assert cleaned.name.endswith(extension)
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == image_format
        assert not image.getexif()


@pytest.mark.parametrize(
    "content",
    [b"not an image at all", image_bytes(size=(1600, 900))[:300], image_bytes(image_format="GIF")],
    ids=["text", "truncated", "gif"],
)
def test_a_corrupt_or_unsupported_file_gets_a_clear_error(content):
    with pytest.raises(ValidationError) as error:
        clean_photo(upload(content, name="holiday.jpg"))

    assert error.value.messages == [
        "“holiday.jpg” is not a JPEG, PNG or WebP image, or the file is damaged."
    ]


def test_a_photo_with_too_many_pixels_is_refused(settings):
    settings.NEWS_MAX_IMAGE_PIXELS = 1000 * 1000

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(image_bytes(size=(1001, 1000))))

    assert error.value.code == "too_many_pixels"


def test_a_decompression_bomb_is_refused():
    # A tiny PNG file that claims to be 30,000 × 30,000 pixels.
    output = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(output, format="PNG")

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(output.getvalue(), name="bomb.png"))

    assert error.value.code == "too_many_pixels"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.NEWS_MAX_IMAGE_BYTES = 1000

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(image_bytes(size=(1600, 900))))

    assert "must be 1000" in error.value.messages[0]


def test_renditions_are_never_wider_than_the_photo():
    assert rendition_widths(3000) == [400, 800, 1200]
    assert rendition_widths(1000) == [400, 800, 1000]
    assert rendition_widths(300) == [300]


def test_renditions_are_made_once_in_webp_and_jpeg(make_article, media_root):
    article = make_article(photo=True)
    folder = media_root / "news" / "renditions"
    stem = article.image.name.rsplit("/", 1)[1].split(".")[0]

    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(
        f"{stem}-{width}.{extension}" for width in (400, 800, 1200) for extension in ("jpg", "webp")
    )
    with Image.open(folder / f"{stem}-800.webp") as image:
        assert (image.format, image.size) == ("WEBP", (800, 450))

    made = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    make_renditions(article.image)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == made


def stored_files(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*.*"))


def photo_files(article):
    stem = article.image.name.rsplit("/", 1)[1].split(".")[0]
    sizes = [
        f"news/renditions/{stem}-{width}.{extension}"
        for width in rendition_widths(article.image_width)
        for extension in ("jpg", "webp")
    ]
    return sorted([article.image.name, *sizes])


def test_a_replaced_photo_is_deleted_with_its_sizes(
    make_article, media_root, django_capture_on_commit_callbacks
):
    article = make_article(photo=True)
    other = make_article(photo=True)

    article.image = ContentFile(image_bytes(size=(500, 300)), name="replacement.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article, by=None)

    assert stored_files(media_root) == sorted(photo_files(article) + photo_files(other))


def test_an_article_saved_with_its_photo_unchanged_keeps_the_files(
    make_article, media_root, django_capture_on_commit_callbacks
):
    article = make_article(photo=True)
    before = stored_files(media_root)

    article.title = "A better title"
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article, by=None)

    assert stored_files(media_root) == before


def test_a_deleted_article_takes_its_photo_and_sizes_along(
    make_article, media_root, django_capture_on_commit_callbacks
):
    article = make_article(photo=True)
    assert stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).delete()

    assert stored_files(media_root) == []


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP", "PNG"])
def test_a_photo_with_damaged_exif_gets_a_clear_error(image_format):
    damaged = image_bytes(image_format=image_format, exif=exif_with_text_in_a_number_field())

    with pytest.raises(ValidationError) as error:
        clean_photo(upload(damaged, name="lead.img"))

    assert error.value.code == "broken"


def test_a_phone_photo_holding_a_second_picture_is_stored_as_a_jpeg():
    photo = clean_photo(upload(multi_picture_jpeg(size=(800, 600)), name="IMG_0042.JPG"))

    assert photo.name.endswith(".jpg")
    with Image.open(photo) as image:
        assert (image.format, image.size) == ("JPEG", (800, 600))
