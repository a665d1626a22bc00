"""The rows of the case lists, cell for cell as the admin writes them (its items_for_result).

The admin works out each cell's field, classes and link anew and writes each cell on its own:
for a page of 25 cases that took over a quarter of the list's time. Here what the cells of a
column share is worked out once for the page, and a row is written in one go."""

import datetime

from django.contrib.admin.templatetags.admin_list import ResultList, results
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.html import format_html


def result_rows(cl):
    """The page's rows for the change list's template: each a list of its cells' HTML."""
    linked = [name for name in cl.list_display if name in (cl.list_display_links or ())]
    if cl.formset or cl.is_popup or cl.to_field or not linked or not plain(cl.list_display):
        return list(results(cl))  # forms, pop-ups and other lists stay the admin's
    columns = [
        Column(cl, name, link=name in linked, tag="th" if name == linked[0] else "td")
        for name in cl.list_display
    ]
    row = "".join(column.html for column in columns)
    return [
        ResultList(None, [format_html(row, *(v for c in columns for v in c.values(result)))])
        for result in cl.result_list
    ]


def plain(list_display):
    """Columns named by a field or an attribute (not a callable, nor a path to another model)."""
    return all(isinstance(name, str) and LOOKUP_SEP not in name for name in list_display)


class Column:
    def __init__(self, cl, name, *, link, tag):
        self.cl = cl
        self.name = name
        self.link = link
        self.empty_value_display = cl.model_admin.get_empty_value_display()
        content = '<a href="{}">{}</a>' if link else "{}"
        self.html = f'<{tag} class="{{}}">{content}</{tag}>'
        # Where a case's link comes back to: this list, as filtered.
        context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        self.filters = add_preserved_filters(context, "") if link else ""

    def values(self, result):
        """What fills the column's HTML in this row: its classes, link and what it shows."""
        classes, shown = self.shown(result)
        if self.link:
            return classes, self.cl.url_for_result(result) + self.filters, shown
        return classes, shown

    def shown(self, result):
        classes = f"field-{self.name}"
        try:
            field, attr, value = lookup_field(self.name, result, self.cl.model_admin)
        except ObjectDoesNotExist:
            return classes, self.empty_value_display
        empty = getattr(attr, "empty_value_display", self.empty_value_display)
        if field is None or field.auto_created:
            if self.name == "action_checkbox":
                classes = "action-checkbox"
            if isinstance(value, (datetime.date, datetime.time)):
                classes += " nowrap"
            return classes, display_for_value(value, empty, is_boolean(attr))
        if isinstance(field, (models.DateField, models.TimeField, models.ForeignKey)):
            classes += " nowrap"
        if isinstance(field.remote_field, models.ManyToOneRel):
            return classes, empty if value is None else value
        return classes, display_for_field(value, field, empty, avoid_link=self.link)


def is_boolean(attr):
    if isinstance(attr, property):
        return getattr(attr.fget, "boolean", False)
    return getattr(attr, "boolean", False)
