"""The pages anyone may see without an account: the public lists of applications and inquiries,
the archive of answered questions, and checking a status by reference (status_check)."""

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from portal.caching import cache_for_anonymous_visitors
from portal.csrf import same_origin_form_target
from portal.feeds import PortalFeed
from portal.models import SiteProfile
from portal.pagination import LargeTablePaginator

from .models import Application, Inquiry, PublishedAnswer, Service
from .status_check import (
    NO_MATCH,
    TOO_MANY_CHECKS,
    StatusCheckForm,
    count_check_that_matched_nothing,
    matching_cases,
    within_rate_limits,
)
from .statuses import ApplicationStatus, InquiryStatus

PAGE_SIZE = 20
FEED_SIZE = 20
# What a public list reads of a case: never the person, the details, the notes or the answer.
PUBLIC_FIELDS = ["reference", "submitted_at", "status", "status_changed_at"]


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, service):
        return service.localised.name


class PublicApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses")), *ApplicationStatus.choices],
    )
    service = ServiceChoiceField(
        label=gettext_lazy("Service"),
        required=False,
        queryset=Service.objects.listing_applications_publicly(),
        to_field_name="slug",
        empty_label=gettext_lazy("All services"),
    )


class PublicInquiryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses")), *InquiryStatus.choices],
    )


class FilteredListView(ListView):
    """A public list, newest first, narrowed by the filter form's choices when they are valid.
    Long lists are counted up to a point and estimated beyond it (LargeTablePaginator)."""

    paginate_by = PAGE_SIZE
    paginator_class = LargeTablePaginator
    filter_form_class = None

    def get_queryset(self):
        cases = self.cases()
        self.filter_form = self.filter_form_class(self.request.GET)
        if self.filter_form.is_valid():
            chosen = {name: value for name, value in self.filter_form.cleaned_data.items() if value}
            cases = cases.filter(**chosen)
        return cases

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class PublicApplicationListView(FilteredListView):
    template_name = "applications/public/application_list.html"
    filter_form_class = PublicApplicationFilterForm

    def cases(self):
        return (
            Application.objects.listed_publicly()
            .newest_first()
            .select_related("service")
            .only(*PUBLIC_FIELDS, "service__name", "service__name_zh_hans")
        )


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class PublicInquiryListView(FilteredListView):
    template_name = "applications/public/inquiry_list.html"
    filter_form_class = PublicInquiryFilterForm

    def cases(self):
        return (
            Inquiry.objects.listed_publicly()
            .newest_first()
            .select_related("published_answer")
            .only(*PUBLIC_FIELDS, "published_answer__id")
        )


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class AnswerListView(ListView):
    template_name = "applications/public/answer_list.html"
    context_object_name = "answers"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (
            PublishedAnswer.objects.newest_first()
            .select_related("inquiry")
            .only("title", "language", "answered_at", "published_at", "inquiry__reference")
        )


@method_decorator(cache_for_anonymous_visitors, name="dispatch")
class AnswerDetailView(DetailView):
    template_name = "applications/public/answer_detail.html"
    context_object_name = "answer"
    slug_field = "inquiry__reference"
    slug_url_kwarg = "reference"

    def get_queryset(self):
        return PublishedAnswer.objects.select_related("inquiry").defer(
            "search_vector", "inquiry__subject", "inquiry__message", "inquiry__answer"
        )


class LatestAnswersFeed(PortalFeed):
    def title(self):
        return _("%(site)s: answered questions") % {"site": SiteProfile.load().localised.name}

    def link(self):
        return reverse("public:answer_list")

    def description(self):
        return _("Questions people asked the city, with our answers, newest first.")

    def items(self):
        # A feed declares one language for all its items, and RSS cannot mark one item as
        # written in another: each language's feed lists the answers written in it.
        return (
            PublishedAnswer.objects.filter(language=get_language())
            .newest_first()
            .select_related("inquiry")
            .only("title", "answer", "published_at", "updated_at", "inquiry__reference")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.answer

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


@require_http_methods(["GET", "HEAD", "POST"])
@cache_for_anonymous_visitors
@same_origin_form_target  # the page is shared by every visitor, so its form has no CSRF token
def status_check(request):
    if request.method != "POST":
        initial = {"reference": request.GET.get("reference", "")[:20]}
        return render(
            request,
            "applications/public/status_check.html",
            {"form": StatusCheckForm(initial=initial)},
        )
    form = StatusCheckForm(request.POST)
    status = 200
    cases = []
    if form.is_valid():
        reference, email = form.cleaned_data["reference"], form.cleaned_data["email"]
        if not within_rate_limits(request, reference=reference, email=email):
            form.add_error(None, TOO_MANY_CHECKS)
            status = 429
        else:
            cases = matching_cases(reference, email)
            if not cases:
                count_check_that_matched_nothing(request, reference=reference, email=email)
                form.add_error(None, NO_MATCH)
    template = (
        "applications/public/status_result.html"
        if cases
        else "applications/public/status_check.html"
    )
    response = render(request, template, {"form": form, "cases": cases}, status=status)
    # Whether a reference and an address belong together is for this person only.
    add_never_cache_headers(response)
    return response
