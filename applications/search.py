"""What site search finds in this app (portal.search)."""

from .public_search import ANSWER_SEARCH_SOURCE, reference_shortcut

SEARCH_SOURCES = [ANSWER_SEARCH_SOURCE]
SEARCH_SHORTCUT = reference_shortcut
