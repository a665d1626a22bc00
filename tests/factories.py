"""The one way tests make data: plain functions, keyword arguments only, readable defaults.

Every default that must be unique (addresses, slugs) takes a number from one counter, so any
function can be called any number of times in a test. Records are made the way the portal makes
them: articles through news.services.article_save, cases through applications.services.
"""

import itertools
import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone
from django.utils.text import slugify

from applications.models import Question as ServiceQuestion
from applications.models import Service
from applications.publication import answer_publish
from applications.services import (
    application_change_status,
    application_submit,
    inquiry_answer,
    inquiry_submit,
)
from applications.uploads import check_upload
from faq.models import Question, Topic
from news.models import Article, Channel
from news.services import article_save
from portal.models import SiteProfile
from tests.images import image_bytes
from tests.staff import add_authenticator

PASSWORD = "correct horse battery"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

numbers = itertools.count(1)


def upload(name, content, content_type="application/octet-stream"):
    """A file as a browser sends it; applications.uploads.check_upload makes it an attachment."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_user(*, email=None, password=None, full_name="", email_verified=False, **fields):
    """A person with an account. No password unless one is given: most tests sign in with
    force_login. With email_verified, the address is confirmed, as after the link in the email."""
    user = get_user_model().objects.create_user(
        email=email or f"person{next(numbers)}@example.com",
        password=password,
        full_name=full_name,
        **fields,
    )
    if email_verified:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def make_citizen(**fields):
    """A registered person who confirmed their address: the portal's case pages are open to them."""
    return make_user(email_verified=True, **fields)


def make_staff(*, email=None, full_name="", group=None, **fields):
    """A member of staff in one of the groups the migrations create ("Editors", "Caseworkers"),
    with an authenticator app set up, as the admin requires."""
    user = make_user(email=email, full_name=full_name, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    add_authenticator(user)
    return user


def make_channel(*, name=None, slug=None, position=0, **fields):
    name = name or f"Channel {next(numbers)}"
    return Channel.objects.create(
        name=name, slug=slug or slugify(name), position=position, **fields
    )


def make_article(*, channel=None, days_ago=1, photo=False, **fields):
    """A published article, days_ago days old (negative: scheduled), saved as staff save one.
    With photo, a lead photo wide enough for every ready-made size."""
    number = next(numbers)
    article = Article(
        **{
            "title": f"Article number {number}",
            "slug": f"article-{number}",
            "channel": channel or make_channel(),
            "summary": f"The summary of article {number}.",
            "body": f"<h2>What changes</h2><p>The body of article {number}.</p>",
            "status": Article.Status.PUBLISHED,
            "publish_at": timezone.now() - timedelta(days=days_ago),
            **fields,
        }
    )
    if photo:
        # Photos are stored under a random name, as the admin's upload check names them.
        article.image = ContentFile(image_bytes(size=(1600, 900)), name=f"{uuid.uuid4().hex}.jpg")
        article.image_alt = article.image_alt or "Blue rectangle"
    return article_save(article=article, by=None)


def make_topic(*, name=None, slug=None, position=0, **fields):
    name = name or f"Topic {next(numbers)}"
    return Topic.objects.create(name=name, slug=slug or slugify(name), position=position, **fields)


def make_question(*, topic=None, **fields):
    """A published question with a short answer."""
    number = next(numbers)
    return Question.objects.create(
        **{
            "topic": topic or make_topic(),
            "question": f"Question number {number}?",
            "slug": f"question-{number}",
            "answer": f"<p>The answer to question {number}.</p>",
            "position": number,
            "published": True,
            **fields,
        }
    )


def make_service(*, name=None, slug=None, processing_days=15, questions=(), **fields):
    """A service open for applications. It asks the questions given, each a dict of Question
    fields (page 1 and the order given unless they say otherwise); without any, it asks what
    every service asks, details and documents."""
    name = name or f"Service {next(numbers)}"
    service = Service.objects.create(
        **{
            "name": name,
            "slug": slug or slugify(name),
            "summary": f"Apply for {name.lower()}.",
            "description": "Who can apply and what the service gives.",
            "processing_days": processing_days,
            **fields,
        }
    )
    for position, question in enumerate(questions):
        ServiceQuestion.objects.create(
            **{"service": service, "page": 1, "position": position, **question}
        )
    return service


def make_public_service(**fields):
    """A service whose applications are listed publicly (reference, service, dates, status)."""
    return make_service(
        **{
            "name": "Request for government information",
            "summary": "Ask for information the city holds.",
            "description": "Anyone may ask for information the city holds.",
            "processing_days": 20,
            "lists_applications_publicly": True,
            **fields,
        }
    )


# Content in Chinese, for the tests of Chinese pages: whatever Latin letters such a page shows
# then come from the interface, not from what staff or citizens wrote.

CHINESE_QUESTIONS = [
    {"label": "您的护照号码是多少", "kind": "short_text", "hint": "见护照照片页。"},
    {"label": "您在本市的住址是什么", "kind": "long_text"},
    {"label": "与您同住的有几人", "kind": "number", "min_value": 0, "max_value": 20},
    {"label": "您是哪天来到本市的", "kind": "date", "date_limit": "past"},
    {"label": "接收信件的电子邮箱", "kind": "email"},
    {"label": "联系电话", "kind": "phone"},
    {"label": "您住在哪个区", "kind": "choice", "options": "黄浦区\n徐汇区\n静安区"},
    {"label": "您持有哪些证件", "kind": "choices", "options": "护照\n工作许可\n结婚证"},
    {"label": "您以前在本市居住过吗", "kind": "yes_no"},
    {"label": "护照照片页", "kind": "file", "max_files": 1},
]


def make_chinese_service(**fields):
    """A service written in Chinese that asks a question of every kind, one a page."""
    questions = [
        {"page": number, **question} for number, question in enumerate(CHINESE_QUESTIONS, start=1)
    ]
    return make_service(
        **{
            "name": "居住登记",
            "slug": "residence-registration",
            "summary": "登记您在本市的住址。",
            "description": "在本市居住的人员均须登记住址。",
            "who_can_apply": "在本市居住满六个月的人员。",
            "what_to_provide": "护照和住址。",
            "fees": "免费。",
            "questions": questions,
            **fields,
        }
    )


def use_chinese_site_profile():
    """The portal's own name and contact details in Chinese, as every page's header and footer
    show them."""
    profile = SiteProfile.load()
    profile.name = "上海市政府门户网站"
    profile.tagline = "市政府的新闻、问答和网上办事"
    profile.postal_address = "上海市黄浦区人民大道200号\n市民服务中心"
    profile.office_hours = "周一至周五 9:00—17:00"
    profile.save()
    return profile


def make_application(
    *, applicant, service=None, details="Please renew my permit.", attachments=(), **fields
):
    """An application as the citizen sends it to a service without questions of its own (which
    asks for details and documents): status Submitted, with its first history row, and its
    files moved into place as when the request's transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return application_submit(
            applicant=applicant,
            service=service or make_service(),
            answers={"details": details},
            uploads={"documents": list(attachments)},
            **fields,
        )


def ask_the_citizen(application, *, by, note_to_citizen="", internal_note=""):
    """The caseworker `by` receives the application and asks its citizen for something: status
    Action required, with the note the citizen reads (and one only staff read)."""
    application_change_status(application=application, to_status="received", by=by)
    application_change_status(
        application=application,
        to_status="action_required",
        by=by,
        note_to_citizen=note_to_citizen,
        internal_note=internal_note,
    )
    application.refresh_from_db()
    return application


def approve_with_a_permit(application, *, by):
    """The caseworker `by` approves a received application, sending the citizen their permit (a
    PDF) with the note."""
    return application_change_status(
        application=application,
        to_status="approved",
        by=by,
        note_to_citizen="Your permit is attached.",
        uploads=[check_upload(upload("permit.pdf", PDF_BYTES))],
    )


def make_inquiry(
    *,
    author,
    subject="Library opening hours",
    message="When is it open on holidays?",
    attachments=(),
    answered_by=None,
    answer="It opens at 9:00 from the second day.",
    **fields,
):
    """An inquiry as its author sends it, with its files (checked uploads) moved into place as
    when the request's transaction commits. With answered_by, that caseworker has answered it.
    publication_agreed=True lists it publicly too, as the form does."""
    fields.setdefault("listed_publicly", fields.get("publication_agreed", False))
    with TestCase.captureOnCommitCallbacks(execute=True):
        inquiry = inquiry_submit(
            author=author, subject=subject, message=message, attachments=attachments, **fields
        )
    if answered_by:
        inquiry_answer(inquiry=inquiry, answer=answer, by=answered_by)
        inquiry.refresh_from_db()
    return inquiry


def make_published_answer(*, inquiry, by, **texts):
    """An answered inquiry's question and answer published by a caseworker (the author agreed)."""
    return answer_publish(
        inquiry=inquiry,
        by=by,
        **{
            "title": "When is the library open at Spring Festival?",
            "question": "When is the library open at Spring Festival?",
            "answer": inquiry.answer,
            **texts,
        },
    )
