"""Writes to news that take more than one step."""

from django.db import transaction

from .images import delete_photo, make_renditions
from .models import Article


@transaction.atomic
def article_save(*, article, by):
    """Save an article edited by a member of staff; its first editor becomes its author."""
    if article.author_id is None and by is not None:
        article.author = by
    replaced = replaced_photo(article)
    article.save()
    if article.image:
        make_renditions(article.image)
    if replaced:
        delete_photo_once_unused(*replaced)
    return article


def replaced_photo(article):
    """The stored photo's name and width, when this save replaces or removes it."""
    if article.pk is None:
        return None
    stored = Article.objects.filter(pk=article.pk).values_list("image", "image_width").first()
    if stored and stored[0] and stored[0] != article.image.name:
        return stored
    return None


def delete_photo_once_unused(image_name, width):
    """Delete the photo's files once the change is committed, unless an article still uses it."""

    def delete_if_unused():
        if not Article.objects.filter(image=image_name).exists():
            delete_photo(image_name, width)

    transaction.on_commit(delete_if_unused)
