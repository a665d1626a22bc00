"""PostgreSQL full-text search as every part of the portal does it: English stemming, the search
syntax people know from the web ("quoted phrases", or, -word), highlighted snippets, and the
common shape in which each app's matches are ranked together (see portal.search).

Site search runs for nearly every request with a query nobody asked before, so its queries are
written out as SQL with parameters, each piece a pair (sql, params): building the same queries
through the ORM took the server several times as long as PostgreSQL took to run them.

Chinese pages search the Chinese versions: PostgreSQL reads a run of Chinese characters as one
word, so their words are indexed as overlapping pairs of characters (bigrams, made by the
database function portal_han_bigrams, migration portal 0007) and a query is turned into the same
pairs, all required, read with the same web syntax (or, -word). Each searchable model keeps a
second search vector, `<vector>_zh_hans`: the Chinese version's pairs, or the English words where
there is no Chinese version.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, F, Func, Q, TextField, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .translation import (
    CHINESE,
    HAN_CHARACTER,
    SUFFIX,
    chinese_field,
    chinese_is_active,
    lang_attr,
)

SEARCH_CONFIG = "english"
# Runs of Chinese characters, as portal_han_bigrams reads them.
HAN_RUN = re.compile(f"{HAN_CHARACTER}+")
# Around a match, a Chinese snippet shows this many characters before and in all.
SNIPPET_LEAD = 20
SNIPPET_LENGTH = 90

# ts_headline marks matches with these private-use characters. They are removed from the text
# first, so after escaping the whole snippet they are the only places where <mark> can appear.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"

# Every search source ranks its matches in this shape, and portal.search adds their kind:
# SELECT ... AS item_id, ... AS item_date, ts_rank(...) AS rank
HIT_COLUMNS = ("item_id", "item_date", "rank")
# A term of the web's search syntax: a word or a "quoted phrase", a minus before it excluding it.
WEB_SEARCH_TERM = re.compile(r'(-?)("[^"]*"?|[^\s"]+)')

WEB_SEARCH_SQL = f"websearch_to_tsquery('{SEARCH_CONFIG}'::regconfig, %s)"
TERMS_SQL = f"to_tsquery('{SEARCH_CONFIG}'::regconfig, %s)"
# ts_headline's options for a snippet: up to two passages of 12 to 30 words around the matches.
HEADLINE_OPTIONS = (
    f"StartSel='{HIGHLIGHT_START}', StopSel='{HIGHLIGHT_STOP}', MaxWords=30, MinWords=12, "
    "MaxFragments=2, FragmentDelimiter=' … '"
)
# A headline begins (or ends) where its text does when its first (last) few words are the text's.
WORD = re.compile(r"\w+")
EDGE_WORDS = 3
FINAL_PUNCTUATION = re.compile(r"[^\w\s]*$")


def han_terms(query):
    """The index terms a query's Chinese asks for: each run's character pairs, and a run of one
    character as the beginning of a term."""
    terms = []
    for run in HAN_RUN.findall(query):
        pairs = [run[i : i + 2] for i in range(len(run) - 1)] or [run]
        terms += [f"'{pair}'" if len(pair) == 2 else f"'{pair}':*" for pair in pairs]
    return list(dict.fromkeys(terms))


def tsquery_sql(query, *, chinese=False):
    """The query as PostgreSQL searches with it, in the search syntax of the web; with `chinese`,
    as Chinese pages search: its Chinese by character pairs, and its other words as on English
    pages."""
    if not chinese:
        return WEB_SEARCH_SQL, [query]
    alternatives = web_search_terms(query)
    if len(alternatives) > 1 or any(negated for negated, _term in alternatives[0]):
        text = chinese_tsquery_text(alternatives)
        if text:  # not when the terms hold no word at all ("-。")
            return TERMS_SQL, [text]
    terms, rest = " & ".join(han_terms(query)), HAN_RUN.sub(" ", query)
    if not terms:
        return WEB_SEARCH_SQL, [rest]
    if any(character.isalnum() for character in rest):
        return f"({TERMS_SQL} && {WEB_SEARCH_SQL})", [terms, rest]
    return TERMS_SQL, [terms]


def web_search_terms(query):
    """The query read as web search syntax: alternatives (split by "or"), each a list of
    (negated, term), a "quoted phrase" being one term."""
    alternatives = [[]]
    for minus, term in WEB_SEARCH_TERM.findall(query):
        if term.lower() == "or" and not minus:
            alternatives.append([])
        elif term.strip('"'):
            alternatives[-1].append((bool(minus), term))
    return [terms for terms in alternatives if terms] or [[(False, query)]]


def chinese_tsquery_text(alternatives):
    """Alternatives of terms as to_tsquery's text: a term's Chinese by its character pairs and
    its other words as one quoted phrase (which PostgreSQL stems as on English pages)."""
    shown = []
    for terms in alternatives:
        parts = []
        for negated, term in terms:
            words = re.findall(r"\w+", HAN_RUN.sub(" ", term))
            operands = han_terms(term) + ([f"'{' '.join(words)}'"] if words else [])
            if operands:
                parts.append(("!" if negated else "") + f"({' & '.join(operands)})")
        if parts:
            shown.append(f"({' & '.join(parts)})")
    return " | ".join(shown)


def page_tsquery_sql(query):
    """The query in the language of the page: see page_search_vector."""
    return tsquery_sql(query, chinese=chinese_is_active())


def page_search_vector():
    """The name of the search vector for the page's language."""
    return f"search_vector{SUFFIX}" if chinese_is_active() else "search_vector"


def every_match_ranked(table, *, date, condition="true", boost=1):
    """A search source's `hits` for a table small enough to rank every match (questions,
    services, answers): its rows where `condition` holds that the page's vector matches, each
    ranked times `boost`, in the shape of HIT_COLUMNS."""

    def hits(query, limit):
        query_sql, query_params = page_tsquery_sql(query)
        vector = page_search_vector()
        sql = f"""
            SELECT id AS item_id, {date} AS item_date, ts_rank({vector}, {query_sql}) * %s AS rank
            FROM {table} WHERE {condition} AND {vector} @@ {query_sql}"""
        return sql, [*query_params, boost, *query_params]

    return hits


def has_chinese(query):
    return HAN_RUN.search(query) is not None


def chinese_search_vector(*fields):
    """The Chinese title, summary and text (weighted A, B, C) by character pairs."""
    texts = [F(name) if isinstance(name, str) else name for name in fields]
    return Func(*texts, function="portal_chinese_search_vector", output_field=SearchVectorField())


def chinese_or_english_vector(english, *chinese_fields):
    """The expression of a `<vector>_zh_hans` generated column: the Chinese fields (title,
    summary, text; weighted A, B, C) by character pairs, or the `english` vector expression
    where the first of them is empty."""
    chinese = chinese_search_vector(*chinese_fields)
    return Case(When(Q(**{chinese_fields[0]: ""}), then=english), default=chinese)


def joined_text(*names):
    """Text columns joined by spaces, as an immutable expression (CONCAT() is not)."""
    parts = []
    for name in names:
        parts += [F(name), Value(" ")]
    return Func(*parts[:-1], function="", arg_joiner=" || ", output_field=TextField())


def chinese_snippet(text, query):
    """The part of a Chinese text around the query's first match, escaped, each match marked:
    ts_headline reads Chinese as one word and cannot find the matches in it."""
    needles = chinese_needles(query)
    pattern = re.compile("|".join(map(re.escape, needles)), re.IGNORECASE) if needles else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_LEAD) if first else 0
    part = text[start : start + SNIPPET_LENGTH]
    shown = escape(part) if pattern is None else mark_matches(part, pattern)
    before = "…" if start > 0 else ""
    after = "…" if start + SNIPPET_LENGTH < len(text) else ""
    # Safe: the text is escaped; only our own tags are added.
    return mark_safe(f"{before}{shown}{after}")


def chinese_needles(query):
    """What to mark in a Chinese text: the query's Chinese runs, longest first, then their pairs,
    and its other words."""
    wanted = " ".join(
        term for terms in web_search_terms(query) for negated, term in terms if not negated
    )
    runs = sorted(HAN_RUN.findall(wanted), key=len, reverse=True)
    pairs = [run[i : i + 2] for run in runs for i in range(len(run) - 1)]
    words = [word for word in re.findall(r"\w+", HAN_RUN.sub(" ", wanted)) if len(word) > 1]
    return list(dict.fromkeys(runs + pairs + words))


def mark_matches(text, pattern):
    marked, end = [], 0
    for match in pattern.finditer(text):
        marked += [escape(text[end : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        end = match.end()
    marked.append(escape(text[end:]))
    return "".join(marked)


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    date: datetime
    snippet: str
    channel: str = ""
    date_prefix: str = ""  # "Updated" where the date is that of the last change
    kind_label: str = ""  # filled in by portal.search
    lang: str = ""  # the language the item is shown in, where it may not be the page's

    @property
    def lang_attr(self):
        return lang_attr(self.lang) if self.lang else ""

    @property
    def is_english_fallback(self):
        """English shown on a Chinese page (an answer is marked with its language on both)."""
        return self.lang == "en" and chinese_is_active()


def shown_texts(row, query):
    """A result's title and snippet in the page's language, from its row's columns "title",
    "chinese_title", "chinese_text" and those of shown_headline_sql: on Chinese pages the
    Chinese version with its matches marked, or the English marked as English."""
    title, chinese_title = row["title"], row["chinese_title"]
    if not chinese_is_active():
        return {"title": title, "snippet": highlight(row["headline"], row["headline_source"])}
    if chinese_title:
        return {"title": chinese_title, "snippet": chinese_snippet(row["chinese_text"], query)}
    snippet = highlight(row["headline"], row["headline_source"])
    return {"title": title, "snippet": snippet, "lang": "en"}


def headline_sql(text_sql, query):
    """SQL of the words around the matches in a short plain text (a summary, an answer), each
    match between HIGHLIGHT_START and HIGHLIGHT_STOP: ts_headline reads all of the text, so it
    is never given a whole article."""
    query_sql, query_params = tsquery_sql(query)
    sql = (
        f"ts_headline('{SEARCH_CONFIG}'::regconfig, translate({text_sql}, %s, ''), {query_sql}, %s)"
    )
    # The markers are removed from the text first (see highlight).
    return sql, [HIGHLIGHT_START + HIGHLIGHT_STOP, *query_params, HEADLINE_OPTIONS]


def shown_headline_sql(text_sql, query, *, chinese_title):
    """SQL of the columns "headline" (headline_sql) and "headline_source" (the text it is taken
    from), where the page shows them (see shown_texts): on Chinese pages, only for the items
    without a Chinese version (`chinese_title` empty)."""
    sql, params = headline_sql(text_sql, query)
    if chinese_is_active():
        sql = f"CASE WHEN {chinese_title} = '' THEN {sql} END"
        text_sql = f"CASE WHEN {chinese_title} = '' THEN {text_sql} END"
    return f"{sql} AS headline, {text_sql} AS headline_source", params


def highlight(headline, source):
    """The headline escaped, its matches marked, with "…" where it leaves out the beginning or
    the end of its source text (as the Chinese snippets have)."""
    escaped = escape(headline)
    marked = escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    before, after = edges(headline.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, ""), source)
    # Safe: every character from the database is escaped; only our own markers become tags.
    return mark_safe(f"{before}{marked}{escape(after)}")


def edges(headline, source):
    """What goes before and after a headline: "…" where it leaves out part of its source, and
    the source's last punctuation, which ts_headline leaves out, where it ends with it."""
    shown, whole = WORD.findall(headline), WORD.findall(source)
    edge = min(EDGE_WORDS, len(shown))
    before = "… " if shown[:edge] != whole[:edge] else ""
    if edge and shown[-edge:] != whole[-edge:]:
        return before, " …"
    ends_with_a_word = headline.rstrip()[-1:].isalnum()
    return before, FINAL_PUNCTUATION.search(source.rstrip()).group() if ends_with_a_word else ""


def searched_titles(table, *, title, condition, translated=False):
    """SQL of the titles in `table` (where `condition` holds) whose words the pages in each
    language search, by language code. Chinese pages search a `translated` table's Chinese
    titles, where there are, with the English words they hold ("WiFi"): not the English title
    beside one, whose words would be suggested and then found nowhere."""
    chinese_title = chinese_field(title)
    # portal_han_bigrams sets the English words of a Chinese title apart from the characters.
    shown_in_chinese = (
        f"CASE {chinese_title} WHEN '' THEN {title} ELSE portal_han_bigrams({chinese_title}) END"
    )
    titles_sql = "SELECT {} AS title FROM {} WHERE {}"
    return {
        settings.LANGUAGE_CODE: titles_sql.format(title, table, condition),
        CHINESE: titles_sql.format(shown_in_chinese if translated else title, table, condition),
    }
