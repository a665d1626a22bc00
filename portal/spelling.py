"""Site search's "Did you mean": a search that finds nothing is offered again with each word that
no title holds replaced by the nearest word that one does, by trigram similarity, as pg_trgm's
documentation describes it ("Did you mean: passport office" for "pasport office").

The titles' words are kept apart (SearchWord), per page language and kind of item, and read
afresh by `manage.py refresh_search_words` (hourly from cron): finding the nearest among some
thousands of words, through a GiST index, takes a fraction of a millisecond, where comparing the
query with every title took up to half a second.
"""

import re

from django.db import connection, transaction

from .fulltext import SEARCH_CONFIG, has_chinese
from .models import SearchWord
from .translation import CHINESE, chinese_is_active, local_text

ENGLISH = "en"
# The words that are looked up: of English letters, three or more (pg_trgm finds nothing like a
# shorter one), standing apart from other letters and digits; Chinese characters may touch them.
# The titles' words are kept alike: the 'simple' configuration lowercases each word and no more.
LOOKED_UP_WORD = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f])[A-Za-z]{3,}(?![0-9A-Za-z\u00c0-\u024f])"
)
KEPT_WORD = "^[a-z]{3,}$"

# The words of one kind's titles for one page language, brought up to date: only a word that
# came, went or is held by another number of titles is written.
REFRESH_SQL = """
    WITH fresh AS (
        SELECT %(language)s AS language, %(kind)s AS kind, word, ndoc AS documents
        FROM ts_stat(%(vectors)s) WHERE word ~ %(kept)s
    ), gone AS (
        DELETE FROM portal_searchword AS known
        WHERE known.language = %(language)s AND known.kind = %(kind)s
          AND NOT EXISTS (SELECT FROM fresh WHERE fresh.word = known.word)
    )
    INSERT INTO portal_searchword (language, kind, word, documents)
    SELECT language, kind, word, documents FROM fresh
    ON CONFLICT (language, kind, word) DO UPDATE SET documents = excluded.documents
    WHERE portal_searchword.documents <> excluded.documents"""
# The nearest known word for each word of the query, where that is another word: not the word
# itself, nor another form of it (the search would have found "park" for "parks"). A word the
# search leaves out ("the") is left alone.
CORRECTIONS_SQL = f"""
    SELECT typed.word, nearest.word
    FROM unnest(%s::text[]) AS typed(word)
    CROSS JOIN LATERAL (
        SELECT known.word FROM portal_searchword AS known
        WHERE known.language = %s AND known.kind = ANY(%s) AND known.word %% typed.word
        ORDER BY known.word <-> typed.word
        LIMIT 1
    ) AS nearest
    WHERE numnode(plainto_tsquery('{SEARCH_CONFIG}', typed.word)) > 0
      AND to_tsvector('{SEARCH_CONFIG}', nearest.word)
          <> to_tsvector('{SEARCH_CONFIG}', typed.word)"""


def refresh_search_words(sources):
    """Bring the words of the titles of each search source (portal.search.sources()) up to
    date; return how many there are. Searches go on with the words they knew meanwhile."""
    with transaction.atomic(), connection.cursor() as cursor:
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
    language = CHINESE if chinese_is_active() else ENGLISH
    cursor.execute(CORRECTIONS_SQL, [typed, language, kinds])
    corrections = dict(cursor.fetchall())
    if not corrections:
        return ""
    corrected = LOOKED_UP_WORD.sub(lambda word: corrections.get(word[0].lower(), word[0]), query)
    return local_text(corrected, english_fallback=not has_chinese(corrected))
