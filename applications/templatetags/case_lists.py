"""The table of a case list in the admin (the admin's own, with rows from admin/rows.py), and
the counts of "Your work" on the admin's index."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.utils.translation import gettext

from portal.formats import grouped

from ..admin.rows import result_rows
from ..models import Application, Inquiry

register = template.Library()

COUNTED_UP_TO = 1000
CASE_KINDS = {"application": Application, "inquiry": Inquiry}


@register.simple_tag(takes_context=True)
def open_cases(context, kind, assigned):
    """How many applications or inquiries are still to be dealt with, assigned to the person
    reading ("me") or to nobody: exact up to COUNTED_UP_TO, each count read from the index of
    the cases still open."""
    caseworker = context["request"].user if assigned == "me" else None
    cases = CASE_KINDS[kind].objects.still_open().filter(assigned_to=caseworker).order_by()
    count = cases[: COUNTED_UP_TO + 1].count()
    if count > COUNTED_UP_TO:
        return gettext("more than %(count)s") % {"count": grouped(COUNTED_UP_TO)}
    return grouped(count)


def case_result_list(cl):
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": result_rows(cl),
    }


@register.tag(name="case_result_list")
def case_result_list_tag(parser, token):
    return InclusionAdminNode(
        "case_result_list",
        parser,
        token,
        func=case_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
