"""Every translation catalogue of the portal is complete: no message left untranslated or fuzzy."""

import re
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


def translations(catalogue):
    """{message: translation} of a catalogue's messages without a context, read with msgcat."""
    flat = subprocess.run(
        ["msgcat", "--no-wrap", "--no-location", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries = [entry for entry in flat.split("\n\n") if "msgctxt" not in entry]
    return dict(re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', "\n\n".join(entries), re.MULTILINE))


def test_a_message_has_one_translation_in_every_catalogue():
    """Django merges the catalogues: where two give the same English different Chinese, the first
    one's words show in both places (the project's before the apps', then the apps in order).
    Words that mean different things in two places take a context (pgettext). Checked: messages
    of one line without a plural, which the labels and buttons that clash are."""
    found = {}
    for catalogue in CATALOGUES:
        for message, translation in translations(catalogue).items():
            found.setdefault(message, set()).add(translation)

    assert {message: sorted(each) for message, each in found.items() if len(each) > 1} == {}
