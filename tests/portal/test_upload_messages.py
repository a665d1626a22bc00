"""What an upload that is too large or empty is told, in the page's language."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from portal.images import check_size


@pytest.mark.parametrize(
    ("language", "content", "message"),
    [
        ("en", b"x" * 2048, "“scan.pdf” is 2.0\xa0KB. Each file must be 1.0\xa0KB or smaller."),
        ("zh-hans", b"x" * 2048, "“scan.pdf”大小为 2.0\xa0KB，每个文件不得超过 1.0\xa0KB。"),
        ("en", b"", "“scan.pdf” is empty."),
        ("zh-hans", b"", "“scan.pdf”是空文件。"),
    ],
)
def test_a_file_too_large_or_empty_is_named_in_the_readers_language(language, content, message):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        check_size(SimpleUploadedFile("scan.pdf", content), limit=1024)

    assert refused.value.messages == [message]
