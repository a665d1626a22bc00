"""Applying for a service: its start page, its question pages (a draft saved after each),
"Check your answers" and sending, and deleting a draft. A person's draft of a service is found
by the person and the service, so no address leads to anyone else's."""

from allauth.account.decorators import verified_email_required
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from portal.caching import cache_for_anonymous_visitors

from .models import Application, Draft, Question, Service, display_answer
from .questions import (
    QuestionPageForm,
    next_page_to_fill,
    question_pages,
    shown_options,
    unanswered_required,
)
from .services import DraftIncomplete, draft_delete, draft_save_page, draft_send
from .views import base_url, posted, within_case_limit

RETURN_TO_CHECK = "check"


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class ServiceDetailView(DetailView):
    """The start page (GOV.UK pattern): what the service is for, who can apply, what you need,
    fees, how long it takes, and "Start now". A closed service says so and has no button."""

    template_name = "applications/service_detail.html"
    context_object_name = "service"
    queryset = Service.objects.all()

    def get_context_data(self, **kwargs):
        """With the person's draft of the service, if they have one: the page offers to go on."""
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.is_authenticated and self.object.is_open:
            context["draft"] = Draft.objects.for_user(user).filter(service=self.object).first()
        return context


def page_url(service, number, *, returning=False):
    url = reverse("applications:application_page", kwargs={"slug": service.slug, "page": number})
    return f"{url}?return={RETURN_TO_CHECK}" if returning else url


def check_url(service):
    return reverse("applications:application_check", kwargs={"slug": service.slug})


class Applying:
    """What every step of applying reads: the open service, its pages and the person's draft
    (None before the first page is saved). Three queries, however many questions."""

    def __init__(self, request, slug):
        self.service = get_object_or_404(Service.objects.open(), slug=slug)
        self.pages = question_pages(self.service)
        self.draft = Draft.objects.for_user(request.user).filter(service=self.service).first()
        self.answers = self.draft.answers if self.draft else {}

    def next_url(self):
        page = next_page_to_fill(self.pages, self.answers)
        return page_url(self.service, page.number) if page else check_url(self.service)

    def file_names(self, questions):
        """{question key: names of the files the draft holds}, for the given questions."""
        keys = [
            q.key for q in questions if q.kind == Question.Kind.FILE and self.answers.get(q.key)
        ]
        if not keys:
            return {}
        names = dict(self.draft.attachments.values_list("pk", "original_name"))
        return {key: [names[pk] for pk in self.answers[key] if pk in names] for key in keys}


@verified_email_required
def application_create(request, slug):
    """Where "Start now" leads: the first page, or where the person's draft left off."""
    return redirect(Applying(request, slug).next_url())


@verified_email_required
def application_page(request, slug, page):
    applying = Applying(request, slug)
    service, pages = applying.service, applying.pages
    if not 1 <= page <= len(pages):
        raise Http404("No such page of questions.")
    # Pages come in order: a page after the first one not yet done waits for it.
    first_to_fill = next_page_to_fill(pages, applying.answers)
    if first_to_fill and page > first_to_fill.number:
        return redirect(page_url(service, first_to_fill.number))
    current = pages[page - 1]
    returning = request.GET.get("return") == RETURN_TO_CHECK
    form = QuestionPageForm(
        *posted(request),
        page=current,
        answers=applying.answers,
        file_names=applying.file_names(current.questions),
    )
    if form.is_bound and form.is_valid():
        draft_save_page(
            applicant=request.user,
            service=service,
            answers=form.answers(),
            uploads=form.uploads(),
        )
        if returning or page == len(pages):
            return redirect(check_url(service))
        return redirect(page_url(service, page + 1))
    if returning:
        back_url = check_url(service)
    elif page > 1:
        back_url = page_url(service, page - 1)
    else:
        back_url = service.get_absolute_url()
    return render(
        request,
        "applications/question_page.html",
        {
            "service": service,
            "page": current,
            "page_count": len(pages),
            "form": form,
            "back_url": back_url,
            "has_draft": applying.draft is not None,
        },
    )


def answer_rows(applying):
    """Each page's questions with the draft's answers, as "Check your answers" lists them."""
    all_questions = [question for page in applying.pages for question in page.questions]
    file_names = applying.file_names(all_questions)
    rows = []
    for page in applying.pages:
        for question in page.questions:
            value = applying.answers.get(question.key)
            if question.kind == Question.Kind.FILE:
                value = file_names.get(question.key, [])
                shown = value
            else:
                shown = display_answer(question.kind, value, dict(shown_options(question)))
            rows.append(
                {
                    "question": question,
                    "answer": shown,
                    "is_list": isinstance(shown, list),
                    "missing": question.required and not value,
                    "change_url": page_url(applying.service, page.number, returning=True),
                }
            )
    return rows


def application_sent_again(request, service):
    """To the application for this service the person sent a moment ago, saying it was not sent
    again; None when there is none."""
    sent = Application.objects.for_user(request.user).sent_again(service=service)
    if sent is None:
        return None
    messages.info(
        request,
        _("You sent this application already, as %(reference)s. It was not sent again.")
        % {"reference": sent.reference},
    )
    return redirect(sent)


class SendForm(forms.Form):
    """Only a button: the form gives the page its error summary (e.g. the hourly limit)."""


@verified_email_required
def application_check(request, slug):
    applying = Applying(request, slug)
    service = applying.service
    if applying.draft is None and (sent := application_sent_again(request, service)):
        return sent
    if applying.draft is None or next_page_to_fill(applying.pages, applying.answers):
        return redirect(applying.next_url())
    form = SendForm(*posted(request))
    if form.is_bound and form.is_valid() and within_case_limit(request, form):
        try:
            application = draft_send(draft=applying.draft, base_url=base_url(request))
        except Draft.DoesNotExist:
            # Sent a moment ago, from another tab or by a double click.
            return application_sent_again(request, service) or redirect(
                "applications:application_list"
            )
        except DraftIncomplete as error:
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("applications:application_submitted", reference=application.reference)
    missing = unanswered_required(applying.pages, applying.answers)
    return render(
        request,
        "applications/check_answers.html",
        {
            "service": service,
            "draft": applying.draft,
            "rows": answer_rows(applying),
            "missing": missing,
            "form": form,
        },
    )


@verified_email_required
def draft_delete_confirm(request, slug):
    drafts = Draft.objects.for_user(request.user).select_related("service")
    draft = drafts.filter(service__slug=slug).first()
    if draft is None:  # deleted or sent already: Back, or another tab
        service = get_object_or_404(Service, slug=slug)
        messages.info(
            request,
            _("You have no application for %(service)s waiting to be sent.")
            % {"service": service.localised.name},
        )
        return redirect("applications:application_list")
    if request.method == "POST":
        draft_delete(draft=draft)
        messages.success(
            request,
            _("You deleted your application for %(service)s. Nothing was sent.")
            % {"service": draft.service.localised.name},
        )
        return redirect("applications:application_list")
    return render(request, "applications/draft_delete.html", {"draft": draft})
