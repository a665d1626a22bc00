"""Demo news for seed_demo: the channels in channels.yaml and a year of articles, one Markdown
file each under articles/<channel slug>/<article slug>.md, with photos drawn by photos.py.

An article file starts with its fields as YAML between two "---" lines; its body is a small part
of Markdown: "## " starts a sub-heading, "- " a list item, a blank line a paragraph.

Simplified Chinese, when it comes, goes next to the English: a channel's translated name and
description under a "zh-hans:" key of its entry, an article's in <article slug>.zh-hans.md
beside its English file (same front matter fields, translated body).
"""

import secrets
from datetime import timedelta
from operator import itemgetter
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from portal.demo_data import read_markdown, read_yaml

from ..models import Article, Channel
from ..services import article_save
from .photos import PHOTO_DESCRIPTIONS, draw_photo

DATA = Path(__file__).parent


def channels():
    return read_yaml(DATA / "channels.yaml")


def articles():
    """Channel by channel, newest first; the position in this list seeds each photo's drawing."""
    entries = []
    for channel in channels():
        folder = DATA / "articles" / channel["slug"]
        found = [
            {**read_markdown(path), "channel": channel["slug"], "slug": path.stem}
            for path in folder.glob("*.md")
        ]
        entries += sorted(found, key=itemgetter("days_ago"))
    return entries


def seed(*, stdout, style):
    channel_by_slug = {}
    for position, channel in enumerate(channels(), start=1):
        channel_by_slug[channel["slug"]], _ = Channel.objects.get_or_create(
            slug=channel["slug"],
            defaults={
                "name": channel["name"],
                "description": channel["description"],
                "position": position,
            },
        )
    existing = set(Article.objects.values_list("channel__slug", "slug"))
    created = 0
    for number, entry in enumerate(articles()):
        if (entry["channel"], entry["slug"]) in existing:
            continue
        channel = channel_by_slug[entry["channel"]]
        article_save(article=demo_article(entry, channel, number), by=None)
        created += 1
    if stdout:
        stdout.write(
            style.SUCCESS(f"News: {created} articles added")
            if created
            else "News: the demo articles are already in place."
        )


def demo_article(entry, channel, number):
    # A fixed time of day keeps the dates readable; the spread comes from days_ago.
    publish_at = timezone.now().replace(hour=2, minute=0, second=0, microsecond=0) - timedelta(
        days=entry["days_ago"]
    )
    article = Article(
        channel=channel,
        slug=entry["slug"],
        title=entry["title"],
        summary=entry["summary"],
        body=body_html(entry["body"]),
        source=entry.get("source", ""),
        status=Article.Status.PUBLISHED,
        publish_at=publish_at,
        featured=entry.get("featured", False),
    )
    if drawing := entry.get("photo"):
        article.image = ContentFile(
            draw_photo(drawing, seed=number), name=secrets.token_hex(16) + ".jpg"
        )
        article.image_alt = PHOTO_DESCRIPTIONS[drawing]
        article.image_caption = entry.get("caption", "")
    return article


def body_html(text):
    """Turn the plain demo text into the HTML the editor would produce."""
    html = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines[0].startswith("## "):
            html.append(f"<h2>{escape(lines[0][3:])}</h2>")
            lines = lines[1:]
        if not lines:
            continue
        if lines[0].startswith("- "):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(html)
