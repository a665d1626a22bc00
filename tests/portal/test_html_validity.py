"""The main pages are valid HTML, as the Nu Html Checker (the W3C's validator) reads them."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from applications.models import Application, Inquiry
from faq.models import Question
from news.models import Article
from portal.models import SiteProfile

pytestmark = pytest.mark.django_db


def anonymous_pages():
    article = Article.objects.published().select_related("channel").first()
    question = Question.objects.published().select_related("topic").first()
    return [
        "/",
        reverse("news:article_list"),
        article.channel.get_absolute_url(),
        article.get_absolute_url(),
        reverse("faq:index"),
        question.topic.get_absolute_url(),
        question.get_absolute_url(),
        reverse("search") + "?q=metro",
        reverse("search") + "?q=%22%22",  # a search with an error message
        reverse("applications:service_list"),
        reverse("contact"),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/no-such-page/",
    ]


def citizen_pages(citizen):
    application = Application.objects.filter(applicant=citizen).first()
    inquiry = Inquiry.objects.filter(author=citizen).first()
    return [
        "/",
        reverse("applications:application_list"),
        application.get_absolute_url(),
        reverse("applications:inquiry_list"),
        inquiry.get_absolute_url(),
        reverse("applications:inquiry_create"),
        reverse("accounts:overview"),
        reverse("accounts:profile_edit"),
    ]


def save_pages(client, paths, folder, prefix):
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        file = folder / f"{prefix}-{number}.html"
        file.write_bytes(response.content)
        files.append((str(file), path))
    return files


def test_the_main_pages_are_valid_html(client, tmp_path):
    jar = os.environ.get("VNU_JAR")
    if not jar:
        pytest.fail("No Nu Html Checker: run the tests with `make test`, or set VNU_JAR.")
    call_command("seed_demo", verbosity=0)
    # Every page with the notice staff may put at the top of each.
    profile = SiteProfile.load()
    profile.notice = "Offices close at 15:00 today.\nOnline services stay open."
    profile.notice_link = "https://cityportal.example/news/"
    profile.save()
    files = save_pages(client, anonymous_pages(), tmp_path, "anonymous")
    assert "Offices close at 15:00 today." in Path(files[0][0]).read_text(encoding="utf-8")
    citizen = get_user_model().objects.get(email="citizen@demo.cityportal.example")
    client.force_login(citizen)
    files += save_pages(client, citizen_pages(citizen), tmp_path, "citizen")

    result = subprocess.run(
        ["java", "-jar", jar, "--errors-only", "--format", "json", *(name for name, _ in files)],
        capture_output=True,
        text=True,
    )

    paths = dict(files)
    errors = [
        f"{paths[message['url'].removeprefix('file:')]}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in json.loads(result.stderr)["messages"]
    ]
    assert errors == [], "\n".join(errors)
