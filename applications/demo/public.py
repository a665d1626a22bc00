"""Other residents' cases for the public lists (public_cases.yaml), made through the real
services: each has its status history, and published answers go through answer_publish."""

from datetime import timedelta
from pathlib import Path

from portal.demo_data import read_yaml

from ..models import Application, Inquiry
from ..publication import answer_publish
from ..services import (
    application_change_status,
    application_submit,
    inquiry_answer,
    inquiry_change_status,
    inquiry_submit,
)

DATA = Path(__file__).parent


def public_cases():
    return read_yaml(DATA / "public_cases.yaml")


def dated_back(model, case, days_ago, *, processing_days=None):
    """Move when the case was sent back by some days, so that the lists show several dates."""
    submitted_at = case.submitted_at - timedelta(days=days_ago)
    fields = {"submitted_at": submitted_at}
    if processing_days is not None:
        fields["due_at"] = submitted_at + timedelta(days=processing_days)
    model.objects.filter(pk=case.pk).update(**fields)


# The demo's requests for government information answer their service's two questions
# (services.yaml): what is asked for, and how it is sent.
ASKED_FOR = "What information are you asking for?"
SENT_BY = "How would you like to receive it?"


def seed_public_cases(*, make_user, caseworker, services, answers_by_key):
    """Add the cases not there yet; return how many were added."""
    data = public_cases()
    residents = {person["email"]: make_user(**person) for person in data["residents"]}
    added = 0
    for item in data["applications"]:
        applicant, service = residents[item["resident"]], services[item["service"]]
        if Application.objects.filter(
            applicant=applicant, service=service, answers__value=item["details"]
        ).exists():
            continue
        answers, uploads = answers_by_key(
            service, {ASKED_FOR: item["details"], SENT_BY: "By email"}
        )
        application = application_submit(
            applicant=applicant, service=service, answers=answers, uploads=uploads
        )
        dated_back(
            Application,
            application,
            item.get("days_ago", 0),
            processing_days=service.processing_days,
        )
        for status in item.get("changes", []):
            application_change_status(application=application, to_status=status, by=caseworker)
        added += 1

    for item in data["inquiries"]:
        author = residents[item["resident"]]
        if Inquiry.objects.filter(author=author, subject=item["subject"]).exists():
            continue
        inquiry = inquiry_submit(
            author=author,
            subject=item["subject"],
            message=item["message"],
            listed_publicly=item.get("listed_publicly", False),
            publication_agreed=item.get("publication_agreed", False),
        )
        dated_back(Inquiry, inquiry, item.get("days_ago", 0))
        for status in item.get("changes", []):
            inquiry_change_status(inquiry=inquiry, to_status=status, by=caseworker)
        if answer := item.get("answer"):
            inquiry_answer(inquiry=inquiry, answer=answer, by=caseworker)
        if published := item.get("published"):
            answer_publish(inquiry=inquiry, by=caseworker, answer=answer, **published)
        added += 1
    return added
