from allauth.account.decorators import verified_email_required
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from portal.caching import cache_for_anonymous_visitors
from portal.staff import is_staff_session

from .forms import ApplicationFilterForm, InquiryForm, WithdrawForm
from .models import Application, Attachment, Draft, Inquiry, Service
from .services import allowed_targets, application_withdraw, inquiry_submit
from .statuses import Actor, ApplicationStatus

PAGE_SIZE = 20


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def posted(request):
    """The form data of a POST (even an empty one), or nothing for an unbound form."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


TOO_MANY_CASES = (
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
        applications = (
            Application.objects.for_user(self.request.user).newest_first().select_related("service")
        )
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


def application_context(application):
    """What the application page shows: its answers (with their files) and its history."""
    return {
        "application": application,
        "answers": application.answers.prefetch_related("attachments"),
        "history": application.history.order_by("-changed_at", "-pk"),
        "can_withdraw": can_withdraw(application),
    }


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
def application_withdraw_confirm(request, reference):
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related("service"), reference=reference
    )
    if not can_withdraw(application):
        messages.error(request, "This application can no longer be withdrawn: a decision is made.")
        return redirect(application)
    form = WithdrawForm(*posted(request))
    if form.is_bound and form.is_valid():
        try:
            application_withdraw(
                application=application,
                by=request.user,
                reason=form.cleaned_data["reason"],
                base_url=base_url(request),
            )
        except ValidationError:
            messages.error(request, "This application can no longer be withdrawn.")
        else:
            messages.success(request, f"You withdrew application {application.reference}.")
        return redirect(application)
    return render(
        request,
        "applications/application_withdraw.html",
        {"application": application, "form": form},
    )


@require_safe
@login_required
def attachment_download(request, reference, pk):
    attachments = Attachment.objects.select_related("application")
    # Caseworkers see every attachment, as in the admin, and only in a session that may use it.
    is_caseworker = is_staff_session(request) and request.user.has_perm(
        "applications.view_attachment"
    )
    if not is_caseworker:
        attachments = attachments.filter(application__applicant=request.user)
    attachment = get_object_or_404(attachments, application__reference=reference, pk=pk)
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


class InquiryListView(PersonalPageMixin, ListView):
    template_name = "applications/inquiry_list.html"
    context_object_name = "inquiries"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Inquiry.objects.for_user(self.request.user).newest_first()


class InquiryDetailView(PersonalPageMixin, DetailView):
    template_name = "applications/inquiry_detail.html"
    context_object_name = "inquiry"
    slug_field = slug_url_kwarg = "reference"

    def get_queryset(self):
        return Inquiry.objects.for_user(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            history=self.object.history.order_by("-changed_at", "-pk"), **kwargs
        )


@verified_email_required
def inquiry_create(request):
    form = InquiryForm(*posted(request))
    if form.is_bound and form.is_valid() and within_case_limit(request, form):
        inquiry = inquiry_submit(
            author=request.user,
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            base_url=base_url(request),
        )
        messages.success(
            request,
            f"Your inquiry was sent. Its reference is {inquiry.reference}. "
            "We will email you a copy.",
        )
        return redirect(inquiry)
    return render(request, "applications/inquiry_form.html", {"form": form})
