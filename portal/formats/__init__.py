"""How the portal writes dates and numbers in each language (FORMAT_MODULE_PATH)."""

from django.utils.formats import number_format


def grouped(number):
    """A number as people read it, its thousands grouped: 100000 as "100,000", 2.5 as "2.5"."""
    return number_format(number, force_grouping=True)
