"""Inquiries take files, and an answered inquiry takes one follow-up question from its author
within 30 days of the answer, which reopens it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Attachment, Inquiry
from applications.services import (
    TransitionRefused,
    inquiry_answer,
    inquiry_follow_up,
)
from applications.statuses import InquiryStatus
from applications.uploads import check_upload
from tests.factories import PDF_BYTES, make_inquiry, upload
from tests.html import errors, find, headings, links, region, summary_list, text, text_of, title
from tests.images import image_bytes
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


def follow_up_url(inquiry):
    return reverse("applications:inquiry_follow_up", args=[inquiry.reference])


@pytest.fixture
def answered(citizen, caseworker):
    return make_inquiry(
        author=citizen,
        subject="Library hours",
        message="When is it open?",
        answered_by=caseworker,
        answer="From nine to nine, every day.",
    )


def test_an_inquiry_is_sent_with_files_that_its_author_and_caseworkers_can_open(
    client, citizen, other_citizen, caseworker, django_capture_on_commit_callbacks
):
    client.force_login(citizen)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:inquiry_create"),
            {
                "subject": "A pothole",
                "message": "There is a deep pothole outside number 12.",
                "attachments": [upload("pothole.jpg", image_bytes())],
            },
            follow=True,
        )

    inquiry = Inquiry.objects.get()
    attachment = inquiry.attachments.get()
    assert attachment.file.name.startswith(f"inquiries/{inquiry.reference}/")
    url = reverse(
        "applications:inquiry_attachment_download", args=[inquiry.reference, attachment.pk]
    )
    assert attachment.get_absolute_url() == url
    rows = {key: value for key, value, _ in summary_list(response)}
    assert rows["Documents"].startswith("pothole.jpg")
    assert client.get(url).status_code == 200

    client.force_login(other_citizen)
    assert client.get(url).status_code == 404
    sign_in_with_two_factors(client, caseworker)
    assert client.get(url).status_code == 200
    admin_page = client.get(reverse("admin:applications_inquiry_change", args=[inquiry.pk]))
    assert links(admin_page)["pothole.jpg"] == url


def test_a_caseworker_without_a_two_factor_session_cannot_open_the_file(
    client, citizen, caseworker
):
    inquiry = make_inquiry(author=citizen, attachments=[check_upload(upload("a.pdf", PDF_BYTES))])
    client.force_login(caseworker)  # no authenticator code in this session

    assert client.get(inquiry.attachments.get().get_absolute_url()).status_code == 404


def test_a_bad_file_is_refused_with_the_inquiry_form_and_nothing_is_sent(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("applications:inquiry_create"),
        {"subject": "A", "message": "B", "attachments": [upload("x.pdf", b"not a pdf")]},
    )

    assert response.status_code == 200
    [(problem, href)] = errors(response).summary_links.items()
    assert "is not a PDF, JPEG or PNG file" in problem
    assert href == "#id_attachments"
    assert not Inquiry.objects.exists()
    assert not Attachment.objects.exists()


def test_the_author_asks_one_follow_up_question_which_reopens_the_inquiry(
    client, citizen, caseworker, answered, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)
    delivered_mail().clear()
    form = region(client.get(answered.get_absolute_url()), "Ask a follow-up question")
    assert find(form, "form")["action"] == follow_up_url(answered)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            follow_up_url(answered),
            {
                "question": "Is that on public holidays too?",
                "attachments": [upload("notice.pdf", PDF_BYTES)],
            },
            follow=True,
        )

    answered.refresh_from_db()
    assert answered.status == InquiryStatus.RECEIVED
    assert answered.follow_up == "Is that on public holidays too?"
    change = answered.history.last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "answered",
        "received",
        citizen,
    )
    assert change.attachments.get().original_name == "notice.pdf"
    assert "Ask a follow-up question" not in headings(response)
    assert "Is that on public holidays too?" in text(region(response, "Your follow-up question"))
    assert "We have received your follow-up question." in text_of(response, "div.messages")
    [receipt] = delivered_mail()
    assert receipt.subject.startswith(
        f"We have received your follow-up question about inquiry {answered.reference}"
    )

    # The caseworker answers it; the first answer stays as it was.
    inquiry_answer(inquiry=answered, answer="Yes, holidays too.", by=caseworker)
    answered.refresh_from_db()
    assert (answered.answer, answered.follow_up_answer) == (
        "From nine to nine, every day.",
        "Yes, holidays too.",
    )
    page = client.get(answered.get_absolute_url())
    assert "From nine to nine" in text(region(page, "Our answer"))
    assert "Yes, holidays too." in text(region(page, "Our answer to your follow-up question"))
    assert "Ask a follow-up question" not in headings(page)
    answer_email = delivered_mail()[-1].body
    assert "Our answer:\nYes, holidays too." in answer_email
    # Its one follow-up used, the inquiry offers no other, on its page nor in the email.
    for said in (text(region(page, "Status: Answered")), answer_email):
        assert "We have answered your follow-up question." in said
        assert "follow-up question within 30 days" not in said

    # Only one: a second follow-up is refused.
    response = client.post(follow_up_url(answered), {"question": "And Sundays?"})
    assert response.url == answered.get_absolute_url()
    with pytest.raises(TransitionRefused):
        inquiry_follow_up(inquiry=answered, by=citizen, question="And Sundays?")
    assert answered.history.count() == 4


def test_a_follow_up_question_is_taken_for_30_days_after_the_answer(citizen, answered):
    Inquiry.objects.filter(pk=answered.pk).update(
        answered_at=timezone.now() - timedelta(days=30, minutes=1)
    )
    answered.refresh_from_db()

    with pytest.raises(TransitionRefused):
        inquiry_follow_up(inquiry=answered, by=citizen, question="Still there?")
    answered.refresh_from_db()
    assert answered.status == InquiryStatus.ANSWERED


def test_nobody_else_asks_a_follow_up_and_an_open_inquiry_takes_none(
    client, citizen, other_citizen, answered
):
    client.force_login(other_citizen)
    assert client.post(follow_up_url(answered), {"question": "Me?"}).status_code == 404
    with pytest.raises(TransitionRefused):
        inquiry_follow_up(inquiry=answered, by=other_citizen, question="Me?")

    open_inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)
    assert client.post(follow_up_url(open_inquiry), {"question": "Hello?"}).url == (
        open_inquiry.get_absolute_url()
    )
    assert "Ask a follow-up question" not in headings(client.get(open_inquiry.get_absolute_url()))


def test_an_empty_follow_up_question_is_shown_with_its_error(client, citizen, answered):
    client.force_login(citizen)

    response = client.post(follow_up_url(answered), {"question": " "})

    assert title(response).startswith("Error: ")
    assert errors(response).summary_links == {
        "Your follow-up question: Write your follow-up question": "#id_question"
    }
    assert len(errors(response).summary) == 1
    answered.refresh_from_db()
    assert answered.status == InquiryStatus.ANSWERED
