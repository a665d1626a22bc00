"""The public record of cases: its own section of the site, beside the signed-in person's
own cases (applications.urls), so that the navigation tells the two apart."""

from django.urls import path

from . import public_views
from .urls import ReferenceConverter  # noqa: F401 (registers the "reference" converter)

app_name = "public"

urlpatterns = [
    path("status/", public_views.status_check, name="status_check"),
    path(
        "status/applications/",
        public_views.PublicApplicationListView.as_view(),
        name="application_list",
    ),
    path("status/inquiries/", public_views.PublicInquiryListView.as_view(), name="inquiry_list"),
    path("answers/", public_views.AnswerListView.as_view(), name="answer_list"),
    path("answers/feed/", public_views.LatestAnswersFeed(), name="answer_feed"),
    path(
        "answers/<reference:reference>/",
        public_views.AnswerDetailView.as_view(),
        name="answer_detail",
    ),
]
