"""Demo FAQ for seed_demo: the topics in topics.yaml, each with its questions, in the order
they are listed. Answers are HTML, as the admin's editor saves them.

Their Simplified Chinese is in topics.zh-hans.yaml, by slug: every topic's name and every
question and answer. It fills the Chinese fields that are still empty, so that what editors
wrote stays and a second run changes nothing.
"""

from itertools import count
from pathlib import Path

from portal.demo_data import fill_in, read_yaml

from ..models import Question, Topic

DATA = Path(__file__).parent


def topics():
    return read_yaml(DATA / "topics.yaml")


def chinese():
    return read_yaml(DATA / "topics.zh-hans.yaml")


def seed(*, stdout, style):
    entries = topics()
    question_positions = count(1)
    translated = chinese()
    added = 0
    for position, entry in enumerate(entries, start=1):
        topic, _ = Topic.objects.get_or_create(
            slug=entry["slug"], defaults={"name": entry["name"], "position": position}
        )
        fill_in(topic, {"name_zh_hans": translated["topics"][entry["slug"]]})
        for question in entry["questions"]:
            found, created = Question.objects.get_or_create(
                slug=question["slug"],
                defaults={
                    "topic": topic,
                    "question": question["question"],
                    "answer": question["answer"],
                    "position": next(question_positions),
                    "featured": question.get("featured", False),
                    "published": True,
                },
            )
            added += created
            texts = translated["questions"][question["slug"]]
            fill_in(
                found,
                {"question_zh_hans": texts["question"], "answer_zh_hans": texts["answer"]},
            )

    if stdout:
        stdout.write(f"FAQ: {len(entries)} topics; {added} questions added.")
