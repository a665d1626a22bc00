import functools
import re
from datetime import date, datetime

from django import template
from django.conf import settings
from django.contrib.messages import INFO, SUCCESS
from django.core.exceptions import DisallowedHost
from django.forms import BaseForm, BaseFormSet
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override, pgettext
from ua_parser import parse as parse_user_agent

from portal import languages, links, translation
from portal.feedback import PAGE_FEEDBACK_ANCHOR, takes_page_feedback
from portal.forms import CountedTextarea

register = template.Library()

UNKNOWN_DEVICES = {"Other", "Generic Smartphone", "Generic Feature Phone", "Spider"}


@register.simple_tag(takes_context=True)
def page_links(context, page_obj):
    """What includes/pagination.html links to: the previous and the next page's address (or
    None) and the page numbers around this one, elided, each with its address (None for an
    ellipsis and for this page). An address is the page's query string with another page
    number, as {% querystring page=n %} writes it; the rest of it is encoded once for all."""
    address = page_address(context.request.GET)
    current = page_obj.number
    numbers = page_obj.paginator.get_elided_page_range(current)
    return {
        "previous": address(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": address(page_obj.next_page_number()) if page_obj.has_next() else None,
        "pages": [
            {
                "number": number,
                "url": address(number) if isinstance(number, int) and number != current else None,
                "current": number == current,
            }
            for number in numbers
        ],
    }


def page_address(query):
    """number -> the query string with page=number, the page in the place it had or last."""
    keys = [key for key in query if key != "page"]
    place = list(query).index("page") if "page" in query else len(keys)
    before, after = QueryDict(mutable=True), QueryDict(mutable=True)
    for position, key in enumerate(keys):
        (before if position < place else after).setlist(key, query.getlist(key))
    head, tail = before.urlencode(), after.urlencode()
    return lambda number: "?" + "&".join(part for part in (head, f"page={number}", tail) if part)


@register.simple_block_tag
def breadcrumb(content, to=None):
    """One item of the trail in base.html: a link to `to` (a URL name, a URL or a model
    instance, as for `redirect()`), or the current page when there is no `to`."""
    # The content is rendered template output, so already escaped; the allauth layout passes
    # a page title with the line breaks and indentation of allauth's templates around it.
    label = mark_safe(content.strip())
    if to is None:
        return format_html('<li><span aria-current="page">{}</span></li>', label)
    return format_html('<li><a href="{}">{}</a></li>', resolve_url(to), label)


register.filter(translation.in_its_language)
register.filter("written_lang", translation.written_lang_attr)


@register.simple_tag
def in_english_note(item):
    """After a link whose text is English standing in on a Chinese page (`item`: a LocalText or
    a search result): says in words that the page it leads to is in English."""
    if not getattr(item, "is_english_fallback", False):
        return ""
    note = pgettext("after a link to a page that has no Chinese version", "(in English)")
    # Only Chinese pages show it, and a full-width bracket needs no space before it.
    return format_html('<span class="in-english">{}</span>', note)


@register.simple_tag(takes_context=True)
def rendered_block(context, name):
    # Django renders each block of a page once. allauth's pages give their title in one block,
    # head_title, which the portal shows twice: in <title> and as the last breadcrumb.
    block = context.render_context[BLOCK_CONTEXT_KEY].get_block(name)
    return block.render(context) if block else ""


@register.filter
def device_name(user_agent):
    """A browser's User-Agent header as people say it: "Chrome on Windows", "Safari on iPhone"."""
    found = parse_user_agent(user_agent or "").with_defaults()
    browser = "" if found.user_agent.family == "Other" else found.user_agent.family
    places = [found.device.family, found.os.family]
    place = next((name for name in places if name not in UNKNOWN_DEVICES), "")
    if browser and place:
        return gettext("%(browser)s on %(device)s") % {"browser": browser, "device": place}
    return browser or place or gettext("an unknown browser")


# Lists show many dates, most of them the same few hundred days: each is written once per format
# and language (the language of the month's name).
@functools.lru_cache(maxsize=2048)
def day_shown(year, month, day, date_format_string, language):
    return date_format(date(year, month, day), date_format_string)


def day_in_words(value):
    """The day of a date (or of a local datetime) as the page's language writes it."""
    return day_shown(value.year, value.month, value.day, get_format("DATE_FORMAT"), get_language())


@register.simple_tag
def time_element(value, format_name="DATE_FORMAT", css_class=""):
    """<time> with the portal's date format for people and ISO 8601 to the second for machines
    (a datetime attribute with microseconds is not valid HTML)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        machine = local.replace(microsecond=0).isoformat()
    else:  # a date
        local, machine = value, value.isoformat()
    if format_name == "DATE_FORMAT":
        shown = day_in_words(local)
    else:
        shown = date_format(local, get_format(format_name))
    if css_class:
        return format_html('<time class="{}" datetime="{}">{}</time>', css_class, machine, shown)
    return format_html('<time datetime="{}">{}</time>', machine, shown)


@register.filter
def time_with_zone(value):
    """A moment as an email tells it, with its offset from UTC: the reader may be elsewhere, and
    a security notice's time must not be mistaken. "2 December 2026, 10:06 (UTC+08:00)"."""
    local = timezone.localtime(value)
    return pgettext("a time followed by its offset from UTC", "%(time)s (UTC%(offset)s)") % {
        "time": date_format(local, get_format("DATETIME_FORMAT")),
        "offset": local.strftime("%:z"),
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """The page at `path` on the portal's own address, for links read away from the portal."""
    return links.absolute_url(context["request"], path)


# Links in sanitised rich text: nh3 writes every attribute in double quotes.
SITE_RELATIVE_HREF = re.compile(r'href="/(?!/)')


@register.filter
def absolute_links(html, request):
    """Rich text whose links to the portal's own pages carry its full address, so that a printed
    page spells out URLs a reader can type (the print style shows each link's href)."""
    return mark_safe(SITE_RELATIVE_HREF.sub(f'href="{links.site_origin(request)}/', html))


def shows_errors(value):
    # type(), not isinstance(): isinstance() would open the lazy values in every context (the
    # CSRF token, the user), and a page that reads them can no longer be shared from the cache.
    kind = type(value)
    if issubclass(kind, BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """The "Error: " before the title of a page whose form shows errors (GOV.UK's pattern: the
    first words a screen reader says on arrival tell that the form was not sent). base.html asks
    once for every page, whatever the form is called in the page's context."""
    if any(shows_errors(value) for value in context.flatten().values()):
        # The space is part of the message: Chinese puts none after its colon.
        return pgettext("before the title of a page whose form shows errors", "Error: ")
    return ""


@register.filter
def counts_characters(form):
    """Whether a form has a box that counts characters: its page then loads the count's
    scripts, and other pages ask nothing more of the server."""
    fields = form.fields.values() if form else ()
    return any(isinstance(field.widget, CountedTextarea) for field in fields)


@register.filter
def field_group(bound_field):
    """A field's label, hint, errors and input, the label as written: no colon after it."""
    # Each form holds its own copies of its fields, so this changes no other form.
    bound_field.field.label_suffix = ""
    return bound_field.as_field_group()


@register.filter
def first_input_id(bound_field):
    """The id of the first input shown of a field shown as a group of them: the first of its
    parts, unless its widget says which one comes first (first_shown)."""
    return f"{bound_field.auto_id}_{getattr(bound_field.field.widget, 'first_shown', 0)}"


@register.filter
def bcp47(language_code):
    return languages.bcp47(language_code)


@register.simple_tag(takes_context=True)
def page_in_languages(context):
    """This page in each of the portal's languages: [{code, name, url, current}], the query
    string kept (a search stays the same search)."""
    request = context["request"]
    try:
        origin = links.site_origin(request)
    except DisallowedHost:  # the 400 page for a host the portal does not serve
        origin = ""
    current = get_language()
    pages = []
    for code, _ in settings.LANGUAGES:
        url = path_in_language(request, code)
        pages.append(
            {
                "code": languages.bcp47(code),
                "name": languages.LANGUAGE_NAMES.get(code, code),
                "url": url,
                "absolute_url": origin + url if origin else "",
                "current": code == current,
            }
        )
    return pages


def path_in_language(request, code):
    """translate_url() for the page being shown, from the match Django already made of it, with
    the query as Django read it: a query sent as raw UTF-8 is kept, not read as Latin-1."""
    match = request.resolver_match
    if match is None:  # a page that no address matched: the 404 page
        return languages.in_language(request.get_full_path(), code)
    with override(code):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.GET.copy()
    if translation.PREVIEW_LANGUAGE_PARAMETER in query:
        query[translation.PREVIEW_LANGUAGE_PARAMETER] = code
    return f"{path}?{query.urlencode()}" if query else path


@register.inclusion_tag("includes/page_feedback.html", takes_context=True)
def page_feedback(context):
    """The question "Is this page useful?" and the link "Report a problem with this page", on
    the pages that ask (portal.feedback says which). An answer's thanks takes the question's
    place; a message about a refused answer is shown above it."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    said = [m for m in context.get("messages", ()) if PAGE_FEEDBACK_ANCHOR in m.extra_tags]
    return {
        "path": request.path if takes_page_feedback(match) else None,
        "anchor": PAGE_FEEDBACK_ANCHOR,
        "said": said,
        "answered": any(m.level in (SUCCESS, INFO) for m in said),
    }


@register.simple_tag
def messages_at_the_top(messages):
    """All but the messages shown in the place of "Is this page useful?"."""
    return [message for message in messages if PAGE_FEEDBACK_ANCHOR not in message.extra_tags]
