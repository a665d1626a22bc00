"""Writes to news that take more than one step."""

from django.db import transaction

from .images import make_renditions


@transaction.atomic
def article_save(*, article, by):
    """Save an article edited by a member of staff; its first editor becomes its author."""
    if article.author_id is None and by is not None:
        article.author = by
    article.save()
    if article.image:
        make_renditions(article.image)
    return article
