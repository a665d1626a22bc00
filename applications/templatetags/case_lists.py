"""The table of a case list in the admin: the admin's own, with rows from admin/rows.py."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.contrib.admin.templatetags.base import InclusionAdminNode

from ..admin.rows import result_rows

register = template.Library()


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
