from allauth.account.decorators import verified_email_required
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import DetailView, ListView

from portal.caching import cache_for_anonymous_visitors
from portal.links import site_origin
from portal.staff import is_staff_session

from .forms import (
    ApplicationFilterForm,
    FollowUpForm,
    InquiryForm,
    ReplyForm,
    StatusChangeForm,
    WithdrawForm,
)
from .models import (
    Application,
    ApplicationStatusChange,
    Attachment,
    Draft,
    Inquiry,
    InquiryStatusChange,
    Service,
)
from .services import (
    SentAlready,
    allowed_targets,
    application_reply,
    application_withdraw,
    can_follow_up,
    can_withdraw_inquiry,
    inquiry_follow_up,
    inquiry_submit_once,
    inquiry_withdraw,
)
from .statuses import Actor, ApplicationStatus, InquiryStatus

PAGE_SIZE = 20


def base_url(request):
    return site_origin(request)


def posted(request):
    """The form data of a POST (even an empty one), or nothing for an unbound form."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


TOO_MANY_CASES = gettext_lazy(
    "You have sent 10 applications and inquiries in the last hour, the most we accept. "
    "Try again in an hour, or contact us if it is urgent."
)


def within_case_limit(request, form):
    """Count one more new case for this person; False, with the form saying why, past the limit."""
    if ratelimit.consume(request, action="submit_case", user=request.user):
        return True
    form.add_error(None, TOO_MANY_CASES)
    return False


def can_withdraw(application):
    return ApplicationStatus.WITHDRAWN in allowed_targets(application, actor=Actor.CITIZEN)


def can_reply(application):
    return application.status == ApplicationStatus.ACTION_REQUIRED and (
        ApplicationStatus.RECEIVED in allowed_targets(application, actor=Actor.CITIZEN)
    )


def history_of(case, model):
    """The case's history, newest first, with the files sent with each change."""
    return list(
        model.objects.filter(**{model.case_field: case})
        .order_by("-changed_at", "-pk")
        .prefetch_related("attachments")
    )


class PersonalPageMixin:
    """A page of the person's own cases: it needs a verified email address; anonymous visitors
    are sent to sign in."""

    @classmethod
    def as_view(cls, **initkwargs):
        return verified_email_required(super().as_view(**initkwargs))


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class ServiceListView(ListView):
    template_name = "applications/service_list.html"
    context_object_name = "services"

    def get_queryset(self):
        return Service.objects.open()


class ApplicationListView(PersonalPageMixin, ListView):
    template_name = "applications/application_list.html"
    context_object_name = "applications"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        applications = Application.objects.for_user(self.request.user).newest_first().as_listed()
        self.filter_form = ApplicationFilterForm(self.request.GET)
        if self.filter_form.is_valid() and self.filter_form.cleaned_data["status"]:
            applications = applications.filter(status=self.filter_form.cleaned_data["status"])
        return applications

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        # Applications not sent yet come first, on the first page of the whole list.
        first_page = context["page_obj"].number == 1
        if first_page and not self.filter_form.cleaned_data.get("status"):
            context["drafts"] = Draft.objects.for_user(self.request.user).select_related("service")
        return context


def decision_note(application, history):
    """The status change that made the decision, when the decision's explanation points to its
    note to the citizen (the statuses whose note caseworkers must write) and it has one."""
    pointed_to = application.is_decided and application.status in StatusChangeForm.notes_needed
    if pointed_to and history and history[0].note_to_citizen:
        return history[0]
    return None


def application_context(application, **extra):
    """What the application page shows; `extra` a bound reply form with its errors."""
    history = history_of(application, ApplicationStatusChange)
    replying = can_reply(application)
    context = {
        "application": application,
        "answers": application.answers.select_related("question").prefetch_related("attachments"),
        "history": history,
        "decision_note": decision_note(application, history),
        "can_withdraw": can_withdraw(application),
        "can_reply": replying,
        "citizen_id": application.applicant_id,
    }
    if replying:
        # The latest change to "Action required" holds the caseworker's note of what is needed.
        context["asked_for"] = next(
            c for c in history if c.to_status == ApplicationStatus.ACTION_REQUIRED
        )
        context["reply_form"] = ReplyForm()
    return context | extra


class ApplicationDetailView(PersonalPageMixin, DetailView):
    template_name = "applications/application_detail.html"
    context_object_name = "application"
    slug_field = slug_url_kwarg = "reference"

    def get_queryset(self):
        return Application.objects.for_user(self.request.user).select_related("service")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**application_context(self.object), **kwargs)


class ApplicationSubmittedView(ApplicationDetailView):
    """The confirmation page; once a caseworker has moved the case, the case page says more."""

    template_name = "applications/application_submitted.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status != ApplicationStatus.SUBMITTED:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_reply_send(request, reference):
    """The reply form on the application page ("Send what was asked for") posts here."""
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related("service"), reference=reference
    )
    if request.method != "POST":
        return redirect(application)
    if not can_reply(application):
        messages.error(request, _("This application is not waiting for anything from you."))
        return redirect(application)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            application_reply(
                application=application,
                by=request.user,
                message=form.cleaned_data["message"],
                uploads=form.cleaned_data["attachments"],
                base_url=base_url(request),
            )
        except ValidationError:
            messages.error(request, _("This application is not waiting for anything from you."))
        else:
            messages.success(
                request,
                _("We have received what you sent. We will email you a receipt."),
            )
        return redirect(application)
    return render(
        request,
        "applications/application_detail.html",
        application_context(application, reply_form=form),
    )


@verified_email_required
def application_withdraw_confirm(request, reference):
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related("service"), reference=reference
    )
    if application.status == ApplicationStatus.WITHDRAWN:
        messages.info(request, _("You have already withdrawn this application."))
        return redirect(application)
    if not can_withdraw(application):
        messages.error(
            request, _("This application can no longer be withdrawn: a decision is made.")
        )
        return redirect(application)
    return withdrawal_confirmed(
        request,
        application,
        withdraw=lambda reason: application_withdraw(
            application=application, by=request.user, reason=reason, base_url=base_url(request)
        ),
        withdrawn=_("You withdrew application %(reference)s."),
    )


def withdrawal_confirmed(request, case, *, withdraw, withdrawn):
    """The page that asks a citizen to confirm withdrawing their case, with an optional reason,
    and withdraws it once they do: `withdraw(reason)`, which raises ValidationError when the
    case moved on meanwhile (sent twice, or changed by a caseworker): the page then says why,
    as it does when asked for again. `withdrawn` says it is done."""
    form = WithdrawForm(*posted(request))
    kind = case._meta.model_name
    if not (form.is_bound and form.is_valid()):
        return render(request, f"applications/{kind}_withdraw.html", {kind: case, "form": form})
    try:
        withdraw(form.cleaned_data["reason"])
    except ValidationError:
        return redirect(request.path)
    messages.success(request, withdrawn % {"reference": case.reference})
    return redirect(case)


def file_response(request, *, case_field, person_field, reference, pk):
    """A case's file, for its citizen or for a caseworker; anybody else's is not found."""
    # Caseworkers see every attachment, as in the admin, and only in a session that may use it.
    is_caseworker = is_staff_session(request) and request.user.has_perm(
        "applications.view_attachment"
    )
    attachments = Attachment.objects.select_related(case_field)
    if not is_caseworker:
        attachments = attachments.filter(**{f"{case_field}__{person_field}": request.user})
    attachment = get_object_or_404(attachments, **{f"{case_field}__reference": reference}, pk=pk)
    try:
        file = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def attachment_download(request, reference, pk):
    return file_response(
        request,
        case_field="application",
        person_field="applicant",
        reference=reference,
        pk=pk,
    )


@require_safe
@login_required
def inquiry_attachment_download(request, reference, pk):
    return file_response(
        request,
        case_field="inquiry",
        person_field="author",
        reference=reference,
        pk=pk,
    )


class InquiryListView(PersonalPageMixin, ListView):
    template_name = "applications/inquiry_list.html"
    context_object_name = "inquiries"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Inquiry.objects.for_user(self.request.user).newest_first().as_listed()


def inquiry_context(inquiry, user, **extra):
    """What the inquiry page shows; `extra` a bound follow-up form with its errors."""
    history = history_of(inquiry, InquiryStatusChange)
    follow_up_change = next(
        (
            c
            for c in history
            if c.from_status == InquiryStatus.ANSWERED and c.changed_by_id == inquiry.author_id
        ),
        None,
    )
    # The answer, then the answer to the follow-up: each may come with files from the city.
    answered = [c for c in reversed(history) if c.to_status == InquiryStatus.ANSWERED]
    first_answer, follow_up_answer = [*answered, None, None][:2]
    context = {
        "inquiry": inquiry,
        "history": history,
        # The files sent with the question itself; those of the follow-up are in its history.
        "attachments": [a for a in inquiry.attachments.all() if a.inquiry_change_id is None],
        "follow_up_files": follow_up_change.attachments.all() if follow_up_change else [],
        "answer_files": first_answer.attachments.all() if first_answer else [],
        "follow_up_answer_files": follow_up_answer.attachments.all() if follow_up_answer else [],
        "can_follow_up": can_follow_up(inquiry, user),
        "can_withdraw": can_withdraw_inquiry(inquiry, user),
        "citizen_id": inquiry.author_id,
    }
    if context["can_follow_up"]:
        context["follow_up_form"] = FollowUpForm()
    return context | extra


class InquiryDetailView(PersonalPageMixin, DetailView):
    template_name = "applications/inquiry_detail.html"
    context_object_name = "inquiry"
    slug_field = slug_url_kwarg = "reference"

    def get_queryset(self):
        return Inquiry.objects.for_user(self.request.user).prefetch_related("attachments")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**inquiry_context(self.object, self.request.user), **kwargs)


@verified_email_required
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry_follow_up_send(request, reference):
    inquiry = get_object_or_404(
        Inquiry.objects.for_user(request.user).prefetch_related("attachments"),
        reference=reference,
    )
    if request.method != "POST":
        return redirect(inquiry)
    if not can_follow_up(inquiry, request.user):
        messages.error(request, _("This inquiry cannot take a follow-up question any more."))
        return redirect(inquiry)
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            inquiry_follow_up(
                inquiry=inquiry,
                by=request.user,
                question=form.cleaned_data["question"],
                uploads=form.cleaned_data["attachments"],
                base_url=base_url(request),
            )
        except ValidationError:
            messages.error(request, _("This inquiry cannot take a follow-up question any more."))
        else:
            messages.success(
                request, _("We have received your follow-up question. We will email you a copy.")
            )
        return redirect(inquiry)
    return render(
        request,
        "applications/inquiry_detail.html",
        inquiry_context(inquiry, request.user, follow_up_form=form),
    )


@verified_email_required
def inquiry_withdraw_confirm(request, reference):
    inquiry = get_object_or_404(Inquiry.objects.for_user(request.user), reference=reference)
    if inquiry.status == InquiryStatus.CLOSED:
        messages.info(request, _("This inquiry is closed already."))
        return redirect(inquiry)
    if not can_withdraw_inquiry(inquiry, request.user):
        messages.error(request, _("This inquiry is answered: it can no longer be withdrawn."))
        return redirect(inquiry)
    return withdrawal_confirmed(
        request,
        inquiry,
        withdraw=lambda reason: inquiry_withdraw(
            inquiry=inquiry, by=request.user, reason=reason, base_url=base_url(request)
        ),
        withdrawn=_("You withdrew inquiry %(reference)s. We will not answer it."),
    )


@verified_email_required
def inquiry_create(request):
    form = InquiryForm(*posted(request))
    if form.is_bound and form.is_valid() and within_case_limit(request, form):
        try:
            inquiry = inquiry_submit_once(
                author=request.user,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                **form.cleaned_data["public_listing"],
                attachments=form.cleaned_data["attachments"],
                base_url=base_url(request),
            )
        except SentAlready as sent:
            messages.info(
                request,
                _("You sent this inquiry already, as %(reference)s. It was not sent again.")
                % {"reference": sent.case.reference},
            )
            return redirect(sent.case)
        messages.success(
            request,
            _("Your inquiry was sent. Its reference is %(reference)s. We will email you a copy.")
            % {"reference": inquiry.reference},
        )
        return redirect(inquiry)
    return render(request, "applications/inquiry_form.html", {"form": form})
