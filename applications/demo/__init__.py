"""Demo services (services.yaml) and a demo citizen's applications and inquiries (cases.yaml),
made through the real services so that each case has its status history.

Simplified Chinese, when it comes, goes next to the English: a "zh-hans:" key in a service's
entry with its translated name, summary, description and what_to_provide.
"""

from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.demo_data import read_yaml

from ..models import Application, Inquiry, Service
from ..services import (
    application_change_status,
    application_submit,
    inquiry_answer,
    inquiry_change_status,
    inquiry_submit,
)
from .public import seed_public_cases

DATA = Path(__file__).parent


def services():
    return read_yaml(DATA / "services.yaml")


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


def seed(*, stdout, style):
    service_by_slug = {}
    for fields in services():
        slug = fields["slug"]
        service_by_slug[slug], _ = Service.objects.get_or_create(slug=slug, defaults=fields)

    demo_cases = cases()
    citizen = demo_user(**demo_cases["citizen"])
    caseworker = demo_user(**demo_cases["caseworker"], is_staff=True)
    caseworkers, _ = Group.objects.get_or_create(name="Caseworkers")
    if not caseworker.groups.filter(pk=caseworkers.pk).exists():
        caseworker.groups.add(caseworkers)

    added = 0
    for item in demo_cases["applications"]:
        service = service_by_slug[item["service"]]
        if Application.objects.filter(
            applicant=citizen, service=service, details=item["details"]
        ).exists():
            continue
        application = application_submit(
            applicant=citizen, service=service, details=item["details"]
        )
        for change in item.get("changes", []):
            application_change_status(
                application=application,
                to_status=change["status"],
                by=caseworker,
                note_to_citizen=change.get("note_to_citizen", ""),
                internal_note=change.get("internal_note", ""),
            )
        added += 1

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
        make_user=demo_user, caseworker=caseworker, services=service_by_slug
    )

    if stdout:
        stdout.write(
            f"Applications: {len(service_by_slug)} services; {added} demo cases added for "
            f"{citizen.email}; {public_added} listed publicly for other residents."
        )
