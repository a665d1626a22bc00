"""How the apps' demo loaders read their data files (<app>/demo/): one format for all of them.

Not portal/demo.py: seed_demo would take that for the portal app's own demo content.
"""

import yaml


def read_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_markdown(path):
    """The file's fields come first, as YAML between two "---" lines; the rest is its body."""
    _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return {**yaml.safe_load(front_matter), "body": body}


def fill_in(item, texts):
    """Set those of the fields in `texts` that are empty on the item (what staff wrote stays),
    and save only those: a second run changes nothing."""
    missing = {name: value for name, value in texts.items() if value and not getattr(item, name)}
    if missing:
        for name, value in missing.items():
            setattr(item, name, value)
        item.save(update_fields=list(missing))
