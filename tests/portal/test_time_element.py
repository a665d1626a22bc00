"""{% time_element %}: a date for people in the page's language and format, and for machines."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

from tests.html import page

TEMPLATE = Template("{% load portal_tags %}{% time_element moment %}")


def time_element(moment):
    return page(TEMPLATE.render(Context({"moment": moment}))).find("time")


def test_the_day_shown_is_the_day_in_the_portal_s_time_zone():
    # 20:30 in London is 04:30 the next morning in Shanghai.
    element = time_element(datetime(2026, 11, 30, 20, 30, 15, 500, tzinfo=UTC))

    assert element.get_text() == "1 December 2026"
    assert element["datetime"] == "2026-12-01T04:30:15+08:00"


def test_the_same_day_is_written_in_each_page_s_language():
    moment = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)
    shown = []
    for language in ["en", "zh-hans", "en"]:
        with translation.override(language):
            shown.append(time_element(moment).get_text())

    assert shown == ["4 March 2026", "2026年3月4日", "4 March 2026"]
