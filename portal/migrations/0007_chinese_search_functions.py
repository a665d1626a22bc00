from django.db import migrations

# PostgreSQL's parsers do not split Chinese into words: a run of Chinese characters is read as
# one "word". Site search therefore indexes Chinese by overlapping pairs of characters (bigrams):
# "居住证" is read as "居住 住证 证", each run's last character standing alone too, so that a
# one-character query finds it by prefix ('证':*). A query is turned into the same pairs joined
# by & (portal.fulltext.tsquery_sql), and the GIN indexes, ranking and the news's search
# windows work as they do for English. Latin words and numbers around the Chinese stay words,
# stemmed as in English.
HAN_BIGRAMS = r"""
CREATE FUNCTION portal_han_bigrams(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN (
    SELECT coalesce(string_agg(
        CASE WHEN piece ~ '^[㐀-䶿一-鿿豈-﫿]' THEN (
            SELECT string_agg(substr(piece, i, 2), ' ' ORDER BY i)
            FROM generate_series(1, char_length(piece)) AS i
        ) ELSE piece END,
        ' ' ORDER BY n
    ), '')
    FROM regexp_matches(input, '[㐀-䶿一-鿿豈-﫿]+|[^㐀-䶿一-鿿豈-﫿]+', 'g')
        WITH ORDINALITY AS part(pieces, n),
        LATERAL (SELECT pieces[1] AS piece) AS found
);
"""
# An item's Chinese title, summary and text weighted A, B and C, as the English ones are.
CHINESE_SEARCH_VECTOR = """
CREATE FUNCTION portal_chinese_search_vector(a text, b text, c text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN
    setweight(to_tsvector('english'::regconfig, portal_han_bigrams(a)), 'A')
    || setweight(to_tsvector('english'::regconfig, portal_han_bigrams(b)), 'B')
    || setweight(to_tsvector('english'::regconfig, portal_han_bigrams(c)), 'C');
"""
DROP = """
DROP FUNCTION portal_chinese_search_vector(text, text, text);
DROP FUNCTION portal_han_bigrams(text);
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_site_profile_chinese_version")]

    operations = [migrations.RunSQL(HAN_BIGRAMS + CHINESE_SEARCH_VECTOR, DROP)]
