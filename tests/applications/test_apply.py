"""Applying for a service built in the admin: questions of every kind, asked page by page,
bad input on each, "Check your answers", changing an answer, sending, and drafts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications.models import Answer, Application, Attachment, Draft, Question, Service
from applications.services import application_submit
from applications.uploads import check_upload
from tests.factories import PDF_BYTES, make_staff, upload
from tests.html import (
    buttons,
    errors,
    find,
    h1,
    headings,
    link_targets,
    links,
    main,
    messages,
    page,
    region,
    summary_list,
    text,
    text_of,
    texts_of,
    title,
)
from tests.images import image_bytes
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

# What staff type into the admin's question forms, page by page: a question of every kind.
QUESTIONS = [
    {
        "page": 1,
        "label": "What is your passport number?",
        "kind": "short_text",
        "hint": "As printed on the photo page.",
        "min_length": 5,
        "max_length": 20,
    },
    {
        "page": 2,
        "label": "What is your address in the city?",
        "kind": "long_text",
        "max_length": 300,
    },
    {
        "page": 3,
        "page_heading": "About your stay",
        "label": "How many people live with you?",
        "kind": "number",
        "min_value": 0,
        "max_value": 20,
    },
    {"page": 3, "label": "When did you arrive in the city?", "kind": "date", "date_limit": "past"},
    {
        "page": 4,
        "page_heading": "How we contact you",
        "label": "Email address for letters",
        "kind": "email",
        "required": False,
    },
    {"page": 4, "label": "Phone number", "kind": "phone"},
    {
        "page": 5,
        "page_heading": "Where you live",
        "label": "Which district do you live in?",
        "kind": "choice",
        "options": "Huangpu\nXuhui\nJing'an",
    },
    {
        "page": 5,
        "label": "Which documents do you hold?",
        "kind": "choices",
        "options": "Passport\nWork permit\nMarriage certificate",
    },
    {"page": 6, "label": "Have you lived in the city before?", "kind": "yes_no"},
    {
        "page": 7,
        "label": "Passport photo page",
        "kind": "file",
        "file_kinds": ["application/pdf"],
        "max_file_mb": 1,
        "max_files": 1,
    },
]


def inline_data(questions):
    data = {
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    for number, question in enumerate(questions):
        fields = {"position": number, "max_files": 1, **question}
        if fields.pop("required", True):
            fields["required"] = "on"
        data |= {f"questions-{number}-{name}": value for name, value in fields.items()}
    return data


@pytest.fixture
def service_admin(client):
    admin = make_staff(email="services@city.example", full_name="Sun Li")
    admin.is_superuser = True
    admin.save()
    return admin


@pytest.fixture
def built_service(client, service_admin):
    """A service made in the admin, as staff make one: no code change."""
    sign_in_with_two_factors(client, service_admin)
    response = client.post(
        reverse("admin:applications_service_add"),
        {
            "name": "Residence registration",
            "slug": "residence-registration",
            "summary": "Register where you live in the city.",
            "description": "Everyone who lives in the city registers their address.",
            "who_can_apply": "Anyone living in the city for more than six months.",
            "what_to_provide": "Your passport and your address.",
            "fees": "",
            "processing_days": 5,
            "draft_days": 30,
            "is_open": "on",
            **inline_data(QUESTIONS),
        },
    )
    assert response.status_code == 302, (
        page(response).select_one("div.errornote") or response.content.decode()
    )
    client.logout()
    return Service.objects.get(slug="residence-registration")


def page_url(service, number, **query):
    url = reverse("applications:application_page", args=[service.slug, number])
    return url + ("?return=check" if query.get("returning") else "")


def check_url(service):
    return reverse("applications:application_check", args=[service.slug])


def names(service):
    """The form field name of each question, by its label."""
    return {q.label: f"q{q.pk}" for q in service.questions.all()}


def test_staff_build_a_service_with_questions_of_every_kind_in_the_admin(built_service):
    questions = list(built_service.questions.all())

    assert {q.kind for q in questions} == set(Question.Kind.values)
    assert [q.page for q in questions] == [1, 2, 3, 3, 4, 4, 5, 5, 6, 7]
    assert questions[-1].file_kinds == ["application/pdf"]


def test_the_admin_refuses_a_page_of_several_questions_without_a_heading(client, service_admin):
    sign_in_with_two_factors(client, service_admin)
    questions = [
        {"page": 1, "label": "Street", "kind": "short_text"},
        {"page": 1, "label": "Times", "kind": "short_text"},
        {"page": 2, "label": "Colour", "kind": "choice", "options": "Red"},
    ]

    response = client.post(
        reverse("admin:applications_service_add"),
        {
            "name": "Event",
            "slug": "event",
            "summary": "An event.",
            "description": "An event.",
            "processing_days": 5,
            "draft_days": 30,
            **inline_data(questions),
        },
    )

    assert response.status_code == 200
    assert "Page 1 has several questions: give one of them a page heading." in text(response)
    assert "Give at least two options, one a line." in text(response)
    assert not Service.objects.filter(slug="event").exists()


# Bad input on every page, then good input: (page, bad data, errors by label, good data).
def journey(fields):
    return [
        (
            1,
            {fields["What is your passport number?"]: "E1"},
            {"What is your passport number?": "Enter at least 5 characters (you entered 2)"},
            {fields["What is your passport number?"]: "E12345678"},
        ),
        (
            2,
            {fields["What is your address in the city?"]: ""},
            {"What is your address in the city?": "Enter an answer"},
            {fields["What is your address in the city?"]: "Flat 3, 12 Yanping Road"},
        ),
        (
            3,
            {
                fields["How many people live with you?"]: "lots",
                f"{fields['When did you arrive in the city?']}_0": "31",
                f"{fields['When did you arrive in the city?']}_1": "2",
                f"{fields['When did you arrive in the city?']}_2": "2024",
            },
            {
                "How many people live with you?": "Enter a number, like 12 or 3.5",
                "When did you arrive in the city?": "Enter a real date",
            },
            {
                fields["How many people live with you?"]: "2",
                f"{fields['When did you arrive in the city?']}_0": "3",
                f"{fields['When did you arrive in the city?']}_1": "9",
                f"{fields['When did you arrive in the city?']}_2": "2024",
            },
        ),
        (
            4,
            {fields["Email address for letters"]: "li.na at home", fields["Phone number"]: "?"},
            {
                "Email address for letters": (
                    "Enter an email address in the correct format, like name@example.com"
                ),
                "Phone number": "Enter a phone number, like 021 6321 0000 or +86 138 0013 8000",
            },
            {fields["Email address for letters"]: "", fields["Phone number"]: "+86 138 0013 8000"},
        ),
        (
            5,
            {},
            {
                "Which district do you live in?": "Select an answer",
                "Which documents do you hold?": "Select at least one answer",
            },
            {
                fields["Which district do you live in?"]: "Jing'an",
                fields["Which documents do you hold?"]: ["Work permit", "Passport"],
            },
        ),
        (
            6,
            {fields["Have you lived in the city before?"]: "perhaps"},
            {"Have you lived in the city before?": "Select one of the options"},
            {fields["Have you lived in the city before?"]: "no"},
        ),
        (
            7,
            {fields["Passport photo page"]: upload("photo.png", image_bytes("PNG"))},
            {
                "Passport photo page": (
                    "“photo.png” is not a PDF file. Check the file itself, not just its name."
                )
            },
            {fields["Passport photo page"]: upload("passport.pdf", PDF_BYTES)},
        ),
    ]


def test_a_citizen_fills_in_every_page_checks_changes_and_sends(
    client, citizen, built_service, django_capture_on_commit_callbacks, delivered_mail
):
    service = built_service
    fields = names(service)
    start = main(client.get(service.get_absolute_url()))
    assert h1(start) == "Residence registration"
    assert links(start)["Start now"] == service.get_apply_url()
    client.force_login(citizen)
    assert client.get(service.get_apply_url()).url == page_url(service, 1)

    with django_capture_on_commit_callbacks(execute=True):
        for number, bad, messages, good in journey(fields):
            response = client.post(page_url(service, number), bad)
            shown = errors(response)
            assert response.status_code == 200, number
            assert title(response).startswith("Error: ")
            expected_links = {}
            for label, message in messages.items():
                name = fields[label]
                question = service.questions.get(label=label)
                grouped = question.kind in {"date", "choice", "choices", "yes_no"}
                said = f"{label} {message}" if label.endswith("?") else f"{label}: {message}"
                expected_links[said] = f"#id_{name}" + ("_0" if grouped else "")
                assert shown.fields[name] == [message]
            assert shown.summary_links == expected_links, number
            assert len(shown.summary) == len(expected_links), number
            response = client.post(page_url(service, number), good)
            assert response.status_code == 302, errors(response).summary
            next_url = page_url(service, number + 1) if number < 7 else check_url(service)
            assert response.url == next_url

    check = client.get(check_url(service))
    assert h1(check) == "Check your answers before sending your application"
    rows = {key: (value, href) for key, value, href in summary_list(check)}
    assert rows["What is your passport number?"] == (
        "E12345678",
        page_url(service, 1, returning=True),
    )
    assert rows["How many people live with you?"][0] == "2"
    assert rows["When did you arrive in the city?"][0] == "3 September 2024"
    assert rows["Email address for letters"][0] == "Not answered"
    assert rows["Which documents do you hold?"][0] == "Passport Work permit"
    assert rows["Have you lived in the city before?"][0] == "No"
    assert rows["Passport photo page"] == ("passport.pdf", page_url(service, 7, returning=True))
    assert len(rows) == len(QUESTIONS)
    assert not Application.objects.exists()

    # "Change" leads back to the page, and saving it leads back to the check.
    change = client.get(rows["How many people live with you?"][1])
    assert find(change, f'input[name="{fields["How many people live with you?"]}"]')["value"] == "2"
    changed = client.post(
        page_url(service, 3, returning=True),
        {
            fields["How many people live with you?"]: "3",
            f"{fields['When did you arrive in the city?']}_0": "3",
            f"{fields['When did you arrive in the city?']}_1": "9",
            f"{fields['When did you arrive in the city?']}_2": "2024",
        },
    )
    assert changed.url == check_url(service)
    rows = {key: value for key, value, _ in summary_list(client.get(check_url(service)))}
    assert rows["How many people live with you?"] == "3"

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(check_url(service))

    application = Application.objects.get()
    assert sent.url == reverse("applications:application_submitted", args=[application.reference])
    assert not Draft.objects.exists()
    answers = {a.question_text: (a.kind, a.value) for a in application.answers.all()}
    assert answers["How many people live with you?"] == ("number", "3")
    assert answers["When did you arrive in the city?"] == ("date", "2024-09-03")
    assert answers["Which documents do you hold?"] == ("choices", "Passport\nWork permit")
    assert answers["Email address for letters"] == ("email", "")
    [attachment] = application.attachments.all()
    assert attachment.answer.question_text == "Passport photo page"
    assert attachment.file.storage.exists(attachment.file.name)
    assert [(c.from_status, c.to_status) for c in application.history.all()] == [("", "submitted")]
    [email] = delivered_mail()
    assert application.reference in email.subject
    assert email.to == [citizen.email]
    assert f"Files you sent:\n- {attachment.original_name}\n" in email.body

    # The citizen's page lists every answer; a question changed later does not change them.
    service.questions.filter(label="How many people live with you?").update(label="Household size")
    rows = {
        key: value for key, value, _ in summary_list(client.get(application.get_absolute_url()))
    }
    assert rows["How many people live with you?"] == "3"
    assert rows["Which district do you live in?"] == "Jing'an"
    assert "passport.pdf" in rows["Passport photo page"]


def test_a_caseworker_reads_the_answers_in_the_admin(client, citizen, caseworker, built_service):
    fields = {q.label: q.key for q in built_service.questions.all()}
    application = application_submit(
        applicant=citizen,
        service=built_service,
        answers={
            fields["What is your passport number?"]: "E12345678",
            fields["What is your address in the city?"]: "12 Yanping Road",
            fields["How many people live with you?"]: "2",
            fields["When did you arrive in the city?"]: "2024-09-03",
            fields["Phone number"]: "021 6321 0000",
            fields["Which district do you live in?"]: "Xuhui",
            fields["Which documents do you hold?"]: ["Passport", "Work permit"],
            fields["Have you lived in the city before?"]: "yes",
        },
        uploads={fields["Passport photo page"]: [check_upload(upload("scan.pdf", PDF_BYTES))]},
    )
    sign_in_with_two_factors(client, caseworker)

    response = client.get(reverse("admin:applications_application_change", args=[application.pk]))

    answers = find(response, "dl.answers")
    shown = dict(zip(texts_of(answers, "dt"), texts_of(answers, "dd"), strict=True))
    assert shown["What is your passport number?"] == "E12345678"
    assert shown["Which documents do you hold?"] == "Passport, Work permit"
    assert shown["Have you lived in the city before?"] == "Yes"
    assert shown["When did you arrive in the city?"] == "3 September 2024"
    assert shown["Email address for letters"] == "—"
    assert shown["Passport photo page"].startswith("scan.pdf")
    assert link_targets(answers) == [application.attachments.get().get_absolute_url()]


def test_pages_come_in_order_and_a_page_past_the_last_is_not_found(client, citizen, built_service):
    client.force_login(citizen)

    assert client.get(page_url(built_service, 5)).url == page_url(built_service, 1)
    assert client.get(check_url(built_service)).url == page_url(built_service, 1)
    assert client.get(page_url(built_service, 8)).status_code == 404


def test_a_draft_is_continued_after_signing_out_and_in(client, citizen, built_service):
    service = built_service
    fields = names(service)
    client.force_login(citizen)
    client.post(page_url(service, 1), {fields["What is your passport number?"]: "E12345678"})
    client.post(
        page_url(service, 2), {fields["What is your address in the city?"]: "12 Yanping Road"}
    )
    draft = Draft.objects.get()
    assert draft.expires_at == draft.updated_at + timedelta(days=30)

    client.post(reverse("account_logout"))
    assert client.get(reverse("applications:application_list")).status_code == 302
    client.force_login(citizen)

    drafts = region(client.get(reverse("applications:application_list")), "Not sent yet")
    assert text_of(drafts, "h3") == "Residence registration"
    assert (
        links(drafts)["Continue your application for Residence registration"]
        == service.get_apply_url()
    )
    assert client.get(service.get_apply_url()).url == page_url(service, 3)
    first = client.get(page_url(service, 1))
    passport = fields["What is your passport number?"]
    assert find(first, f'input[name="{passport}"]')["value"] == "E12345678"
    assert find(first, "a.back-link")["href"] == service.get_absolute_url()


def test_a_draft_is_the_persons_own(client, citizen, other_citizen, built_service):
    fields = names(built_service)
    client.force_login(citizen)
    client.post(page_url(built_service, 1), {fields["What is your passport number?"]: "E12345678"})

    client.force_login(other_citizen)

    assert client.get(built_service.get_apply_url()).url == page_url(built_service, 1)
    first = client.get(page_url(built_service, 1))
    passport = fields["What is your passport number?"]
    assert find(first, f'input[name="{passport}"]').get("value") is None
    assert "Not sent yet" not in headings(client.get(reverse("applications:application_list")))
    client.post(reverse("applications:draft_delete", args=[built_service.slug]))
    assert Draft.objects.get().applicant == citizen


def test_a_new_file_replaces_the_one_given_before_and_deleting_the_draft_removes_them(
    client, citizen, service, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    first = reverse("applications:application_page", args=[service.slug, 1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first, {"qdetails": "Renew", "qdocuments": [upload("old.pdf", PDF_BYTES)]})
    old = Attachment.objects.get()
    assert "You have added: old.pdf." in text_of(client.get(first), "p.files-given")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(first, {"qdetails": "Renew", "qdocuments": [upload("new.pdf", PDF_BYTES)]})
    new = Attachment.objects.get()
    assert new.original_name == "new.pdf"
    assert new.draft == Draft.objects.get()
    assert not old.file.storage.exists(old.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:draft_delete", args=[service.slug]))
    assert response.url == reverse("applications:application_list")
    assert not Draft.objects.exists()
    assert not Attachment.objects.exists()
    assert not new.file.storage.exists(new.file.name)

    # Back to the question "Delete it?", or "Yes" again from another tab: nothing left to delete.
    again = client.get(reverse("applications:draft_delete", args=[service.slug]), follow=True)
    assert again.redirect_chain[-1][0] == reverse("applications:application_list")
    assert f"You have no application for {service.name} waiting to be sent." in messages(again)
    missing = client.get(reverse("applications:draft_delete", args=["no-such-service"]))
    assert missing.status_code == 404


def fill_in_every_page(client, service):
    for number, _bad, _errors, good in journey(names(service)):
        assert client.post(page_url(service, number), good).status_code == 302, number


def test_a_question_added_after_the_draft_was_started_is_asked_before_sending(
    client, citizen, built_service, delivered_mail
):
    client.force_login(citizen)
    fill_in_every_page(client, built_service)
    Question.objects.create(service=built_service, page=8, label="Employer", kind="short_text")

    assert client.get(check_url(built_service)).url == page_url(built_service, 8)
    assert client.post(check_url(built_service)).url == page_url(built_service, 8)
    assert not Application.objects.exists()
    assert not delivered_mail()


def test_back_to_check_your_answers_after_sending_leads_to_the_application_sent(
    client, citizen, built_service, django_capture_on_commit_callbacks, delivered_mail
):
    client.force_login(citizen)
    fill_in_every_page(client, built_service)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(check_url(built_service))
    application = Application.objects.get()
    told = f"You sent this application already, as {application.reference}. It was not sent again."

    # Back to the check page, then "Accept and send" again (or the page from another tab).
    for response in [
        client.get(check_url(built_service), follow=True),
        client.post(check_url(built_service), follow=True),
    ]:
        assert response.redirect_chain[-1][0] == application.get_absolute_url()
        assert messages(response) == [told]
    assert Application.objects.count() == 1
    assert len(delivered_mail()) == 1
    # Starting again from the service's page is a new application.
    start = reverse("applications:application_create", args=[built_service.slug])
    assert client.get(start).url == page_url(built_service, 1)


def test_a_required_answer_missing_is_marked_and_nothing_is_sent(
    client, citizen, built_service, delivered_mail
):
    client.force_login(citizen)
    fill_in_every_page(client, built_service)  # the email address is left out: it is optional
    built_service.questions.filter(label="Email address for letters").update(required=True)

    check = client.get(check_url(built_service))
    row = next(r for r in summary_list(check) if r[0] == "Email address for letters")
    assert row[1] == "Not answered Answer this question before you send your application"
    assert "Accept and send" not in buttons(main(check))

    response = client.post(check_url(built_service))

    assert response.status_code == 200
    assert errors(response).summary == ["Answer every question before you send your application."]
    assert errors(response).summary_links == {}
    assert not Application.objects.exists()
    assert not Answer.objects.exists()
    assert not delivered_mail()


def test_a_file_for_a_question_removed_since_goes_with_the_draft_when_it_is_sent(
    client, citizen, service, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    first = reverse("applications:application_page", args=[service.slug, 1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first, {"qdetails": "Renew", "qdocuments": [upload("old.pdf", PDF_BYTES)]})
    stale = Attachment.objects.get()
    # Staff give the service questions of its own: the old ones are no longer asked.
    question = Question.objects.create(
        service=service, page=1, label="Passport number", kind="short_text"
    )
    client.post(first, {f"q{question.pk}": "E12345678"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(check_url(service))

    application = Application.objects.get()
    assert [a.question_text for a in application.answers.all()] == ["Passport number"]
    assert not Attachment.objects.exists()
    assert not stale.file.storage.exists(stale.file.name)
