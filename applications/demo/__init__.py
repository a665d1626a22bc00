"""Demo services with their questions (services.yaml) and a demo citizen's applications, drafts
and inquiries (cases.yaml), made through the real services so that each case has its answers,
files and status history.

The services' Simplified Chinese is in services.zh-hans.yaml, by slug: the start page's texts
and each question's, in the order of services.yaml. It fills only the Chinese fields that are
still empty, so that what staff wrote stays and a second run changes nothing.
"""

import io
from pathlib import Path, PurePath

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.demo_data import fill_in, read_yaml

from ..models import Application, Draft, Inquiry, Question, Service
from ..services import (
    application_change_status,
    application_reply,
    application_submit,
    draft_save_page,
    inquiry_answer,
    inquiry_change_status,
    inquiry_submit,
)
from ..uploads import check_upload
from .public import seed_public_cases

DATA = Path(__file__).parent


def services():
    return read_yaml(DATA / "services.yaml")


def chinese_services():
    return read_yaml(DATA / "services.zh-hans.yaml")


def chinese_seed(service, texts):
    """The service's Chinese texts, and its questions' in their order."""
    texts = dict(texts)
    questions = texts.pop("questions", [])
    fill_in(service, {f"{name}_zh_hans": value for name, value in texts.items()})
    for question, translated in zip(service.questions.all(), questions, strict=False):
        translated = {**translated, "options": "\n".join(translated.get("options", []))}
        fill_in(question, {f"{name}_zh_hans": value for name, value in translated.items()})


def cases():
    return read_yaml(DATA / "cases.yaml")


def demo_user(email, **fields):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        # Sign-in details for demo accounts belong to the accounts app's demo.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_file(name):
    """A small file of the kind its name says, checked as an upload would be."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        content = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
    else:
        output = io.BytesIO()
        Image.new("RGB", (60, 80), (180, 190, 200)).save(
            output, format="PNG" if suffix == ".png" else "JPEG"
        )
        content = output.getvalue()
    return check_upload(SimpleUploadedFile(name, content))


def service_seed(fields):
    """The service as services.yaml has it. A service already there keeps what staff changed:
    only its empty fields are filled in, and questions are added only to a service without."""
    fields = dict(fields)
    questions = fields.pop("questions", [])
    service, created = Service.objects.get_or_create(slug=fields["slug"], defaults=fields)
    if not created:
        missing = {name: value for name, value in fields.items() if getattr(service, name) == ""}
        if missing:
            for name, value in missing.items():
                setattr(service, name, value)
            service.save(update_fields=list(missing))
    if not service.questions.exists():
        for position, question in enumerate(questions, start=1):
            question = dict(question)
            question["options"] = "\n".join(question.get("options", []))
            Question.objects.create(service=service, position=position, **question)
    return service


def answers_by_key(service, answers):
    """The answers of cases.yaml (by question label) as a draft keeps them (by question key),
    and the files to upload."""
    questions = {question.label: question for question in service.questions.all()}
    values, uploads = {}, {}
    for label, value in answers.items():
        question = questions[label]
        if question.kind == Question.Kind.FILE:
            uploads[question.key] = [demo_file(name) for name in value]
        else:
            values[question.key] = value
    return values, uploads


def seed(*, stdout, style):
    service_by_slug = {fields["slug"]: service_seed(fields) for fields in services()}
    for slug, texts in chinese_services().items():
        chinese_seed(service_by_slug[slug], texts)

    demo_cases = cases()
    citizen = demo_user(**demo_cases["citizen"])
    caseworker = demo_user(**demo_cases["caseworker"], is_staff=True)
    caseworkers, _ = Group.objects.get_or_create(name="Caseworkers")
    if not caseworker.groups.filter(pk=caseworkers.pk).exists():
        caseworker.groups.add(caseworkers)

    added = 0
    for item in demo_cases["applications"]:
        service = service_by_slug[item["service"]]
        # One demo application a service: one there already is this one.
        if Application.objects.filter(applicant=citizen, service=service).exists():
            continue
        answers, uploads = answers_by_key(service, item["answers"])
        application = application_submit(
            applicant=citizen, service=service, answers=answers, uploads=uploads
        )
        for change in item.get("changes", []):
            if reply := change.get("reply"):
                application_reply(
                    application=application,
                    by=citizen,
                    message=reply.get("message", ""),
                    uploads=[demo_file(name) for name in reply.get("files", [])],
                )
                continue
            application_change_status(
                application=application,
                to_status=change["status"],
                by=caseworker,
                note_to_citizen=change.get("note_to_citizen", ""),
                internal_note=change.get("internal_note", ""),
            )
        added += 1

    for item in demo_cases.get("drafts", []):
        service = service_by_slug[item["service"]]
        if Draft.objects.filter(applicant=citizen, service=service).exists():
            continue
        answers, uploads = answers_by_key(service, item["answers"])
        draft_save_page(applicant=citizen, service=service, answers=answers, uploads=uploads)

    for item in demo_cases["inquiries"]:
        if Inquiry.objects.filter(author=citizen, subject=item["subject"]).exists():
            continue
        inquiry = inquiry_submit(author=citizen, subject=item["subject"], message=item["message"])
        for status in item.get("changes", []):
            inquiry_change_status(inquiry=inquiry, to_status=status, by=caseworker)
        if answer := item.get("answer"):
            inquiry_answer(inquiry=inquiry, answer=answer, by=caseworker)
        added += 1

    public_added = seed_public_cases(
        make_user=demo_user,
        caseworker=caseworker,
        services=service_by_slug,
        answers_by_key=answers_by_key,
    )

    if stdout:
        stdout.write(
            f"Applications: {len(service_by_slug)} services; {added} demo cases added for "
            f"{citizen.email}; {public_added} listed publicly for other residents."
        )
