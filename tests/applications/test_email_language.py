"""A case's emails are written in the citizen's contact language, with links to its pages in
that language: every email the app sends (confirmations, status changes, answers, receipts for a
reply or a follow-up question), subject, HTML and text alike."""

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from applications.services import (
    application_change_status,
    application_reply,
    application_withdraw,
    inquiry_answer,
    inquiry_follow_up,
)
from applications.uploads import check_upload
from portal.models import SiteProfile
from tests.factories import (
    PDF_BYTES,
    ask_the_citizen,
    make_application,
    make_citizen,
    make_inquiry,
    make_service,
    upload,
    use_chinese_site_profile,
)
from tests.languages import english_words

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
# The extension of the file the citizen sent, named in the receipt of their reply.
ALLOWED = {"pdf"}


def html_part(email):
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return html


def every_case_email(citizen, caseworker):
    """Make the app send a citizen each kind of email it sends; their names, in order."""
    service = make_service(name="居住登记", slug="residence-registration")
    application = make_application(applicant=citizen, service=service, details="请为我办理。")
    ask_the_citizen(application, by=caseworker, note_to_citizen="请上传护照照片页。")
    application_reply(
        application=application,
        by=citizen,
        message="已上传。",
        uploads=[check_upload(upload("护照.pdf", PDF_BYTES))],
    )
    application_change_status(application=application, to_status="processing", by=caseworker)
    application_change_status(
        application=application,
        to_status="approved",
        by=caseworker,
        note_to_citizen="请携带护照到市民服务中心领取。",
    )
    withdrawn = make_application(applicant=citizen, service=service, details="第二份申请。")
    application_withdraw(application=withdrawn, by=citizen, reason="不需要了。")
    inquiry = make_inquiry(author=citizen, subject="图书馆开放时间", message="春节几点开门？")
    inquiry_answer(inquiry=inquiry, answer="大年初二起9:00开门。", by=caseworker)
    inquiry.refresh_from_db()
    inquiry_follow_up(inquiry=inquiry, by=citizen, question="元宵节也开放吗？")
    names = [
        "application received",
        "application in the caseworkers' hands",
        "something asked for",
        "receipt of the reply",
        "application being assessed",
        "application approved",
        "second application received",
        "application withdrawn",
        "inquiry received",
        "inquiry answered",
        "receipt of the follow-up question",
    ]
    return application, inquiry, names


@pytest.fixture
def chinese_reader(db):
    use_chinese_site_profile()
    return make_citizen(email="zhang.wei@example.com", full_name="张伟", contact_language="zh-hans")


def test_every_email_to_a_citizen_who_reads_chinese_is_wholly_in_chinese(
    chinese_reader, caseworker, delivered_mail
):
    application, inquiry, names = every_case_email(chinese_reader, caseworker)
    emails = delivered_mail()
    assert len(emails) == len(names)

    for name, email in zip(names, emails, strict=True):
        assert email.to == [chinese_reader.email]
        assert english_words(email.subject) == [], name
        assert english_words(html_part(email), allowed=ALLOWED) == [], name
        assert english_words(email.body, allowed=ALLOWED) == [], name
        assert 'lang="zh-hans"' in html_part(email).lower(), name
        assert "张伟" in email.body, name
        assert "/zh-hans/" in email.body, name
    assert emails[0].subject == f"我们已收到您的申请 {application.reference} | 上海市政府门户网站"
    assert f"{BASE}/zh-hans/applications/{application.reference}/" in emails[0].body
    assert f"{BASE}/zh-hans/status/?reference={application.reference}" in emails[0].body
    assert f"{BASE}/zh-hans/inquiries/{inquiry.reference}/" in emails[-1].body


def test_the_chinese_emails_say_what_happened_in_chinese(
    chinese_reader, caseworker, delivered_mail
):
    application, _inquiry, names = every_case_email(chinese_reader, caseworker)
    emails = dict(zip(names, delivered_mail(), strict=True))

    received = emails["application received"]
    due = date_format(timezone.localtime(application.due_at), "Y年n月j日")
    assert f"预计决定日期：{due}" in received.body
    assert "状态：已提交" in received.body
    assert "需补充材料" in emails["something asked for"].subject
    assert "请上传护照照片页。" in emails["something asked for"].body
    assert "护照.pdf" in emails["receipt of the reply"].body
    assert "已批准" in emails["application approved"].subject
    assert "大年初二起9:00开门。" in emails["inquiry answered"].body
    assert "追问" in emails["receipt of the follow-up question"].subject


def test_every_email_to_a_citizen_who_reads_english_is_in_english(
    citizen, caseworker, delivered_mail
):
    application, inquiry, names = every_case_email(citizen, caseworker)
    emails = delivered_mail()
    assert len(emails) == len(names)

    for name, email in zip(names, emails, strict=True):
        assert "/zh-hans/" not in email.body, name
        assert "/zh-hans/" not in html_part(email), name
        assert 'lang="en"' in html_part(email), name
        assert email.body.startswith("Hello Li Na,"), name
        assert not any("\u4e00" <= character <= "\u9fff" for character in email.subject), name
    received = emails[0]
    assert received.subject == (
        f"We have received your application {application.reference} | Shanghai City Portal"
    )
    with translation.override("en"):
        due = date_format(timezone.localtime(application.due_at), "j F Y")
    assert f"Decision expected by: {due}" in received.body
    assert f"{BASE}/applications/{application.reference}/" in received.body
    assert f"{BASE}/inquiries/{inquiry.reference}/" in emails[-1].body


def test_the_sender_is_named_in_the_citizens_language(
    citizen, chinese_reader, caseworker, delivered_mail, settings
):
    profile = SiteProfile.load()
    profile.name, profile.name_zh_hans = "City Portal", "城市门户网站"
    profile.save()

    for person in (citizen, chinese_reader):
        make_application(applicant=person)
    english, chinese = delivered_mail()

    assert english.from_email == f"City Portal <{settings.DEFAULT_FROM_EMAIL}>"
    assert chinese.from_email == f"城市门户网站 <{settings.DEFAULT_FROM_EMAIL}>"


def test_a_service_name_in_english_only_is_marked_english_in_a_chinese_html_email(
    chinese_reader, delivered_mail
):
    service = make_service(name="Street event permit", slug="street-event-permit")
    make_application(applicant=chinese_reader, service=service)
    [email] = delivered_mail()

    assert '<span lang="en">Street event permit</span>' in html_part(email)
    assert "Street event permit" in email.body
    assert "<span" not in email.body
