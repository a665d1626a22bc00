"""Publishing an answered inquiry in the city's public archive of answered questions.

Kept apart from services.py, which changes cases: publishing copies a case's question and answer
into a public record and changes nothing about the case itself.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Inquiry, PublishedAnswer


@transaction.atomic
def answer_publish(*, inquiry, by, title, question, answer, language=settings.LANGUAGE_CODE):
    """Publish the inquiry's question and answer, as the caseworker edited them for the public.

    Only with the author's agreement, given when they sent it, and only once it is answered.
    """
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not inquiry.publication_agreed:
        raise ValidationError(
            gettext("The person who asked did not agree to publish this question."),
            code="no_consent",
        )
    if not inquiry.answer or not inquiry.answered_at:
        raise ValidationError(
            gettext("Only an answered question can be published."), code="unanswered"
        )
    if PublishedAnswer.objects.filter(inquiry=inquiry).exists():
        raise ValidationError(gettext("This question is published already."), code="published")
    return PublishedAnswer.objects.create(
        inquiry=inquiry,
        title=title.strip(),
        question=question.strip(),
        answer=answer.strip(),
        language=language,
        answered_at=inquiry.answered_at,
        published_by=by,
    )


def paragraphs(*texts):
    return "\n\n".join(text for text in texts if text)


class AnswerPublishForm(forms.Form):
    """For caseworkers in the admin: the question and answer as the public will read them."""

    title = forms.CharField(
        label=_("Title"),
        max_length=Inquiry.SUBJECT_MAX_LENGTH,
        help_text=_("The question in a few words, as a heading."),
    )
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 8}))
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 10}))
    language = PublishedAnswer._meta.get_field("language").formfield()
    checked = forms.BooleanField(
        label=_(
            "I have left out anything that could identify the person who asked: names, "
            "addresses, phone numbers, account or case numbers"
        ),
        error_messages={"required": _("Check the text for personal details, then tick this.")},
    )

    @classmethod
    def for_inquiry(cls, inquiry, data=None):
        # With its follow-up answered, both questions and both answers.
        answered_follow_up = inquiry.follow_up if inquiry.follow_up_answer else ""
        initial = {
            "title": inquiry.subject,
            "question": paragraphs(inquiry.message, answered_follow_up),
            "answer": paragraphs(inquiry.answer, inquiry.follow_up_answer),
            # The author was answered in their language.
            "language": inquiry.author.contact_language,
        }
        return cls(data, initial=initial)
