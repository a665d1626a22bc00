"""Every translation catalogue of the portal is complete: no message left untranslated or fuzzy."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(
    path
    for path in Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/django.po")
    if not {".venv", "var"} & set(path.relative_to(settings.BASE_DIR).parts)
)
SCRIPTS_CATALOGUE = Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/djangojs.po"


def test_the_catalogues_are_found():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize(
    "catalogue", [*CATALOGUES, SCRIPTS_CATALOGUE], ids=lambda path: str(path.parent.parent.parent)
)
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


def test_every_message_of_the_portals_scripts_is_in_their_catalogue(tmp_path):
    """The scripts' catalogue is written by hand (it holds the admin's messages too): every
    message that static/js/ asks for is in it."""
    asked = tmp_path / "scripts.pot"
    scripts = sorted(str(script) for script in Path(settings.BASE_DIR).glob("static/js/*.js"))
    keywords = ["--keyword=gettext", "--keyword=ngettext:1,2", "--keyword=pgettext:1c,2"]
    options = ["--language=JavaScript", "--from-code=UTF-8", *keywords, "-o", str(asked)]
    subprocess.run(["xgettext", *options, *scripts], check=True)
    assert "msgid_plural" in asked.read_text()

    compared = subprocess.run(
        ["msgcmp", str(SCRIPTS_CATALOGUE), str(asked)], capture_output=True, text=True, check=False
    )

    assert compared.returncode == 0, compared.stderr


def test_the_catalogues_hold_every_message_the_code_marks(tmp_path):
    """A message marked in the code or a template but not collected into its catalogue shows in
    English on Chinese pages: collected afresh, in a copy, every catalogue gains nothing."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "portal"
    shutil.copytree(
        base, copy, ignore=shutil.ignore_patterns(".git", ".venv", "var", "__pycache__", "*.mo")
    )
    (copy / ".venv").symlink_to(base / ".venv")
    subprocess.run(
        ["scripts/messages.sh", "update"],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        check=True,
        capture_output=True,
    )

    for catalogue in CATALOGUES:
        collected = copy / catalogue.relative_to(base)
        compared = subprocess.run(
            ["msgcmp", str(catalogue), str(collected)], capture_output=True, text=True, check=False
        )
        assert compared.returncode == 0, compared.stderr


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
