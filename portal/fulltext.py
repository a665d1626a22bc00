"""PostgreSQL full-text search as every part of the portal does it: English stemming, and the
search syntax people know from the web ("quoted phrases", or, -word)."""

from django.contrib.postgres.search import SearchQuery

SEARCH_CONFIG = "english"


def web_search_query(query):
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
