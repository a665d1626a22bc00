"""Every translation catalogue of the portal is complete: no message left untranslated or fuzzy."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po")
    if not {".venv", "var"} & set(path.relative_to(settings.BASE_DIR).parts)
)


def test_the_catalogues_are_found():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.parent.parent.parent))
def test_every_message_is_translated(catalogue):
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stderr
    assert "untranslated" not in checked.stderr, checked.stderr
    assert "fuzzy" not in checked.stderr, checked.stderr
