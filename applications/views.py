from allauth.account.decorators import verified_email_required
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from portal.links import site_origin
from portal.staff import is_staff_session

from .forms import ApplicationFilterForm, ApplicationForm, InquiryForm, WithdrawForm
from .models import Application, Attachment, Inquiry, Service
from .services import (
    allowed_targets,
    application_submit,
    application_withdraw,
    inquiry_submit,
)
from .statuses import Actor, ApplicationStatus

PAGE_SIZE = 20


def base_url(request):
    return site_origin(request)


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
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class ApplicationDetailView(PersonalPageMixin, DetailView):
    template_name = "applications/application_detail.html"
    context_object_name = "application"
    slug_field = slug_url_kwarg = "reference"

    def get_queryset(self):
        return Application.objects.for_user(self.request.user).select_related("service")

    def get_context_data(self, **kwargs):
        application = self.object
        return super().get_context_data(
            history=application.history.order_by("-changed_at", "-pk"),
            attachments=application.attachments.all(),
            can_withdraw=can_withdraw(application),
            **kwargs,
        )


class ApplicationSubmittedView(ApplicationDetailView):
    """The confirmation page; once a caseworker has moved the case, the case page says more."""

    template_name = "applications/application_submitted.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status != ApplicationStatus.SUBMITTED:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))


@verified_email_required
def application_create(request, slug):
    service = get_object_or_404(Service.objects.open(), slug=slug)
    form = ApplicationForm(*posted(request))
    if form.is_bound and form.is_valid() and within_case_limit(request, form):
        try:
            application = application_submit(
                applicant=request.user,
                service=service,
                details=form.cleaned_data["details"],
                attachments=form.cleaned_data["attachments"],
                base_url=base_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("applications:application_submitted", reference=application.reference)
    return render(request, "applications/application_form.html", {"service": service, "form": form})


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
            **form.cleaned_data["public_listing"],
            base_url=base_url(request),
        )
        messages.success(
            request,
            _("Your inquiry was sent. Its reference is %(reference)s. We will email you a copy.")
            % {"reference": inquiry.reference},
        )
        return redirect(inquiry)
    return render(request, "applications/inquiry_form.html", {"form": form})
