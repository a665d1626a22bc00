"""Checking the status of a case by its reference and the email address used for it, without
signing in.

A reference that cannot be one (letters, seven digits) is told so: its form is public. Whatever
else is wrong (a reference nobody has, someone else's address) gets the same answer after the
same work: both kinds of case are always looked up by the reference, and the address given is
always compared, in constant time, with the address of each kind's case or with a stand-in. So
neither the page nor its timing tells anyone whether a reference exists.

Checks that match nothing are counted in the shared cache per client address, per reference and
per email address (ACCOUNT_RATE_LIMITS), so that nobody can try many references or many
addresses; the first refusal of each burst is logged. A check that finds the case is not counted,
as allauth does for sign-ins: people may look at their own case as often as they like, and an
office or a mobile network whose visitors share one address is not shut out by their successes.

Every case today belongs to an account, so the email address is the second thing a person knows.
A case that staff enter for someone without an email address would carry a check code printed
on its receipt instead, and `candidates` would return that code for such a case: the rest of
the check stays as it is.
"""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import REFERENCE_FORMAT, Application, Inquiry
from .statuses import ApplicationStatus, Explanation, InquiryStatus

logger = logging.getLogger(__name__)

# Spaces and dashes people type to group the digits ("2092 7227") are left out, and so is a
# null character, which nobody types.
TYPED_SEPARATORS = re.compile(r"[\s\-\x00]")
LONGEST_EMAIL = 254
# How long one logged burst of refusals lasts: further refusals within it are not logged again.
REFUSALS_LOGGED_EVERY_SECONDS = 60 * 60

RATE_LIMITS = [
    # (action in ACCOUNT_RATE_LIMITS, what is counted)
    ("status_check", "address"),
    ("status_check_reference", "reference"),
    ("status_check_email", "email"),
]

NO_MATCH = _(
    "No application or inquiry matches this reference and email address. Check that the "
    "reference is the 8 digits from your confirmation email, and that the email address is the "
    "one we send updates to."
)
TOO_MANY_CHECKS = _(
    "You have checked too many times. Wait an hour, then try again. If you have an account, "
    "sign in to see all your applications and inquiries."
)

# The status explanations speak of the notes and answers on the case page; the check shows
# none of them, so these say where to read them.
NEXT_STEPS_ON_THE_CASE_PAGE = {
    ApplicationStatus.ACTION_REQUIRED: _(
        "Sign in and read the note from your caseworker on the application's page, then reply "
        "as it asks. Your application is paused until then."
    ),
    ApplicationStatus.APPROVED: _(
        "Sign in and read the note from your caseworker on the application's page: it says "
        "what to do next. Nothing else is needed from you."
    ),
    ApplicationStatus.REJECTED: _(
        "Sign in to read why on the application's page. You can apply again, or send us an "
        "inquiry if you have questions about the decision."
    ),
    InquiryStatus.ANSWERED: _(
        "Sign in to read our answer on the inquiry's page; we also emailed it to you. If you "
        "have another question, send a new inquiry."
    ),
}


NOT_A_REFERENCE = _(
    "Enter the reference as the 8 digits from your confirmation email, like 20927227"
)


class StatusCheckForm(forms.Form):
    # The reference's form is public (its hint gives it), so one that cannot be a reference is
    # told so. Anything else gets the same "no case matches" answer as a wrong address, so the
    # form never says whether a reference or an address is known.
    reference = forms.CharField(
        label=_("Reference"),
        help_text=_("8 digits, for example 20927227. It is in your confirmation email."),
        error_messages={"required": _("Enter the reference of your application or inquiry")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": 20,
            }
        ),
    )
    email = forms.CharField(
        label=_("Email address"),
        help_text=_("The address you used when you applied or asked, where we send updates."),
        error_messages={"required": _("Enter your email address")},
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "maxlength": LONGEST_EMAIL}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A null character is typed by no one: it is simply left out below, like a space.
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, ProhibitNullCharactersValidator)
            ]

    def clean_reference(self):
        reference = typed_reference(self.cleaned_data["reference"])
        if reference is None:
            raise ValidationError(NOT_A_REFERENCE)
        return reference

    def clean_email(self):
        return self.cleaned_data["email"].replace("\x00", "").strip()


def typed_reference(typed):
    """The reference typed, without the spaces or dashes grouping its digits and in ASCII digits
    where a Chinese input method typed full-width ones; None if what was typed cannot be one."""
    reference = TYPED_SEPARATORS.sub("", unicodedata.normalize("NFKC", typed))
    return reference if re.fullmatch(REFERENCE_FORMAT, reference) else None


@dataclass(frozen=True)
class CheckedCase:
    """What the check shows: nothing personal, only where the case stands."""

    kind: str  # "application" or "inquiry"
    reference: str
    service_name: str
    submitted_at: datetime
    status_changed_at: datetime
    status: str
    status_label: str
    explanation: Explanation
    due_at: datetime | None
    is_overdue: bool
    case_url: str
    answer_url: str


def digest(value):
    # Compared as fixed-length digests: a plain comparison would also tell the address's length.
    return salted_hmac(
        "applications.status_check", value.casefold(), algorithm="sha256"
    ).hexdigest()


def candidates(reference):
    """(case model, pk or None, what the person must know) for each kind of case: always two
    rows from always two queries, with a stand-in where no case has the reference."""
    queries = [
        (
            Application,
            Application.objects.filter(reference=reference).values_list("pk", "applicant__email"),
        ),
        (Inquiry, Inquiry.objects.filter(reference=reference).values_list("pk", "author__email")),
    ]
    rows = []
    for model, query in queries:
        found = list(query)  # the reference is unique: one row or none
        pk, email = found[0] if found else (None, "")
        rows.append((model, pk, email))
    return rows


def matching_cases(reference, email):
    """The cases with this reference whose owner used this address: usually none or one."""
    given = digest(email)
    matched = []
    for model, pk, known in candidates(reference):
        # The stand-in "" is compared like an address and never equals the one given.
        if constant_time_compare(given, digest(known)) and pk is not None:
            matched.append((model, pk))
    return [checked_case(model, pk) for model, pk in matched]


def checked_case(model, pk):
    if model is Application:
        application = Application.objects.select_related("service").get(pk=pk)
        return CheckedCase(
            kind="application",
            reference=application.reference,
            service_name=application.service.localised.name,
            submitted_at=application.submitted_at,
            status_changed_at=application.status_changed_at,
            status=application.status,
            status_label=application.get_status_display(),
            explanation=with_next_step_elsewhere(application.explanation, application.status),
            due_at=application.decision_expected_by,
            is_overdue=application.is_overdue,
            case_url=application.get_absolute_url(),
            answer_url="",
        )
    inquiry = Inquiry.objects.select_related("published_answer").get(pk=pk)
    published = getattr(inquiry, "published_answer", None)
    return CheckedCase(
        kind="inquiry",
        reference=inquiry.reference,
        service_name="",
        submitted_at=inquiry.submitted_at,
        status_changed_at=inquiry.status_changed_at,
        status=inquiry.status,
        status_label=inquiry.get_status_display(),
        explanation=with_next_step_elsewhere(inquiry.explanation, inquiry.status),
        due_at=None,
        is_overdue=False,
        case_url=inquiry.get_absolute_url(),
        answer_url=published.get_absolute_url() if published else "",
    )


def with_next_step_elsewhere(explanation, status):
    next_step = NEXT_STEPS_ON_THE_CASE_PAGE.get(status)
    return Explanation(explanation.meaning, str(next_step)) if next_step else explanation


def counted_keys(reference, email):
    """(action, what is counted, its key) for each limit."""
    keys = {"address": None, "reference": reference, "email": email.casefold()}
    return [(action, counted, keys[counted]) for action, counted in RATE_LIMITS]


def within_rate_limits(request, *, reference, email):
    """False, with the first refusal of a burst logged, once the client address, the reference
    or the email address has had too many checks that matched nothing."""
    for action, counted, key in counted_keys(reference, email):
        if not ratelimit.consume(request, action=action, key=key, dry_run=True):
            log_refused_burst(request, action=action, counted=counted, key=key)
            return False
    return True


def count_check_that_matched_nothing(request, *, reference, email):
    for action, _counted, key in counted_keys(reference, email):
        ratelimit.consume(request, action=action, key=key)


def log_refused_burst(request, *, action, counted, key):
    address = get_adapter().get_client_ip(request)
    marker = hashlib.sha256(f"{action}:{key or address}".encode()).hexdigest()
    if cache.add(f"status-check-refused:{marker}", True, REFUSALS_LOGGED_EVERY_SECONDS):
        # The email address itself is not logged: the client's address says who was trying.
        what = {
            "address": f"from {address}",
            "reference": f"for reference {key}, the last from {address}",
            "email": f"with one email address, the last from {address}",
        }[counted]
        logger.warning("Status checks refused (%s): too many %s.", action, what)
