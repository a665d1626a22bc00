"""Paging through lists of millions of rows in the admin."""

import json

from django.core.paginator import Paginator
from django.utils.functional import cached_property


def planned_rows(queryset):
    """PostgreSQL's estimate of the number of rows, from the plan: nothing is read."""
    plan = queryset.explain(format="json")
    # A query Django knows to be empty (a search that matched nobody) is never planned.
    return int(json.loads(plan)[0]["Plan"]["Plan Rows"]) if plan else 0


class LargeTablePaginator(Paginator):
    """Pages of a list of millions of rows, counted without reading them all.

    Up to EXACT_COUNT rows are counted exactly; a longer list shows PostgreSQL's estimate of its
    length, taken from the query plan. Links stop at MAX_PAGES, so that no page is read past a
    deep OFFSET: filters and search narrow a long list. Both queries run for every list, short or
    long, so that a page always costs the same number of queries.
    """

    EXACT_COUNT = 1000
    MAX_PAGES = 100

    @cached_property
    def count(self):
        rows = self.object_list.order_by()
        exact = rows[: self.EXACT_COUNT + 1].count()
        # The rows alone: joined records (select_related) change nothing in their number, but
        # planning the joins cost PostgreSQL more than the rest of the count.
        estimate = planned_rows(rows.values("pk"))
        return exact if exact <= self.EXACT_COUNT else max(exact, estimate)

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.MAX_PAGES)
