"""Making cases that the public lists show, and cases that they must never show."""

from applications.models import Service
from applications.publication import answer_publish
from applications.services import inquiry_answer, inquiry_submit
from tests.factories import make_application


def public_service(**fields):
    return Service.objects.create(
        **{
            "name": "Request for government information",
            "slug": "government-information-request",
            "summary": "Ask for information the city holds.",
            "description": "Anyone may ask for information the city holds.",
            "processing_days": 20,
            "lists_applications_publicly": True,
            **fields,
        }
    )


def apply(applicant, service, details="The minutes of the market relocation meeting."):
    return make_application(applicant=applicant, service=service, details=details)


def ask(author, *, listed=False, publish=False, subject="Library opening hours", message=None):
    return inquiry_submit(
        author=author,
        subject=subject,
        message=message or "When is the library open at Spring Festival?",
        listed_publicly=listed or publish,
        publication_agreed=publish,
    )


def answer(inquiry, caseworker, text="It opens at 9:00 from the second day."):
    inquiry_answer(inquiry=inquiry, answer=text, by=caseworker)
    inquiry.refresh_from_db()
    return inquiry


def publish(inquiry, caseworker, **texts):
    return answer_publish(
        inquiry=inquiry,
        by=caseworker,
        **{
            "title": "When is the library open at Spring Festival?",
            "question": "When is the library open at Spring Festival?",
            "answer": inquiry.answer,
            **texts,
        },
    )
