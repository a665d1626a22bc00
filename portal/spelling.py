"""Site search's "Did you mean": a search that finds nothing is offered again with its words
replaced by the nearest words the titles hold, by trigram similarity, as pg_trgm's documentation
describes it ("Did you mean passport office?" for "pasport office"). A word stays as typed where
a word of its own stem is about as near: the search found that already.

The titles' words are kept apart (SearchWord), per page language and kind of item, and brought
up to date by `manage.py refresh_search_words` (hourly from cron): finding the nearest among some
thousands of words, through a GIN index, takes a fraction of a millisecond, where comparing the
query with every title took up to half a second. portal.search offers the corrected query only
where it finds something.
"""

import re

from django.conf import settings
from django.db import connection, transaction

from .fulltext import has_chinese
from .models import SearchWord
from .translation import CHINESE, chinese_is_active, local_text

# The words that are looked up: of English letters, three or more (pg_trgm finds nothing like a
# shorter one), standing apart from other letters and digits; Chinese characters may touch them.
# The titles' words are kept alike: the 'simple' configuration lowercases each word and no more.
LOOKED_UP_WORD = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f])[A-Za-z]{3,}(?![0-9A-Za-z\u00c0-\u024f])"
)
KEPT_WORD = "^[a-z]{3,}$"
# A word's stem as the search's configuration (portal.fulltext.SEARCH_CONFIG, "english") takes
# it; NULL for a word it leaves out ("the").
STEM_SQL = "(ts_lexize('english_stem', {word}))[1]"

# The words of one kind's titles for one page language, brought up to date: a word that went is
# deleted, and only a word that came or is now held by another number of titles is written.
REFRESH_SQL = f"""
    WITH fresh AS (
        SELECT word, stem, documents FROM (
            SELECT word, {STEM_SQL.format(word="word")} AS stem, ndoc AS documents
            FROM ts_stat(%(vectors)s) WHERE word ~ %(kept)s
        ) AS words
        WHERE stem IS NOT NULL
    ), gone AS (
        DELETE FROM portal_searchword AS known
        WHERE known.language = %(language)s AND known.kind = %(kind)s
          AND NOT EXISTS (SELECT FROM fresh WHERE fresh.word = known.word)
    )
    INSERT INTO portal_searchword (language, kind, word, stem, documents)
    SELECT %(language)s, %(kind)s, word, stem, documents FROM fresh
    WHERE NOT EXISTS (
        SELECT FROM portal_searchword AS known
        WHERE known.language = %(language)s AND known.kind = %(kind)s
          AND known.word = fresh.word AND known.documents = fresh.documents
    )
    ON CONFLICT (language, kind, word) DO UPDATE SET documents = excluded.documents"""
# A known word of the typed word's own stem counts as this much nearer than it is: what was typed
# stays unless another word is clearly nearer. "parking" stays for "park" (similarity 0.44, with
# "marking" at 0.45); "busness", which the stemmer takes as "bus" (0.33), becomes "business"
# (0.55).
OWN_STEM_PREFERENCE = 0.1
# For each word of the query that the search does not leave out, the nearest known word (the
# more common of two as near), where that is not of the word's own stem. The near words are found
# first, through the trigram index, and only then those of the page's language and kinds kept
# (OFFSET 0 keeps the planner from reading every word of the language instead, to compare each).
CORRECTIONS_SQL = f"""
    SELECT typed.word, nearest.word
    FROM unnest(%(words)s::text[]) AS typed(word)
    CROSS JOIN LATERAL (SELECT {STEM_SQL.format(word="typed.word")} AS stem) AS typed_stem
    CROSS JOIN LATERAL (
        SELECT near.word, near.stem FROM (
            SELECT word, stem, language, kind, documents FROM portal_searchword
            WHERE word %% typed.word
            OFFSET 0
        ) AS near
        WHERE near.language = %(language)s AND near.kind = ANY(%(kinds)s)
        ORDER BY similarity(near.word, typed.word)
                 + CASE WHEN near.stem = typed_stem.stem THEN %(own_stem)s ELSE 0 END DESC,
                 near.documents DESC
        LIMIT 1
    ) AS nearest
    WHERE typed_stem.stem IS NOT NULL AND nearest.stem <> typed_stem.stem"""


def refresh_search_words(sources):
    """Bring the words of the titles of each search source (portal.search.sources()) up to
    date; return how many there are. Searches go on with the words they knew meanwhile; a
    second refresh waits for the first."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('portal_searchword'))")
        # The words of a kind that is no longer searched go.
        cursor.execute("DELETE FROM portal_searchword WHERE NOT kind = ANY(%s)", [list(sources)])
        for kind, source in sources.items():
            for language, titles_sql in source.titles.items():
                vectors = f"SELECT to_tsvector('simple', title) FROM ({titles_sql}) AS titles"
                cursor.execute(
                    REFRESH_SQL,
                    {"language": language, "kind": kind, "vectors": vectors, "kept": KEPT_WORD},
                )
        cursor.execute("ANALYZE portal_searchword")  # its size decides the lookup's plan
    return SearchWord.objects.count()


def corrected_query(cursor, query, kinds):
    """The query with its misspelt words corrected, or "" where none is. The words are English:
    on Chinese pages a correction without Chinese characters is marked as English."""
    typed = sorted({word.lower() for word in LOOKED_UP_WORD.findall(query)})
    if not typed:
        return ""
    language = CHINESE if chinese_is_active() else settings.LANGUAGE_CODE
    cursor.execute(
        CORRECTIONS_SQL,
        {"words": typed, "language": language, "kinds": kinds, "own_stem": OWN_STEM_PREFERENCE},
    )
    corrections = dict(cursor.fetchall())
    if not corrections:
        return ""
    corrected = LOOKED_UP_WORD.sub(lambda word: corrections.get(word[0].lower(), word[0]), query)
    return local_text(corrected, english_fallback=not has_chinese(corrected))
