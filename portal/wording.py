"""Django's and allauth's messages that the portal words its own way in Chinese.

Both bring Simplified Chinese catalogues, and the portal uses them for every message it does not
write itself. These few read differently there from the rest of the portal ("Email" left in
Latin letters, 你 where the portal says 您), and Django 6.1's empty choice of a list ("- Select an
option -") has none there yet. Listed here, they are collected into locale/zh_Hans by `make
messages`, whose translations come before Django's and allauth's (LOCALE_PATHS); the English is
unchanged. Nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO = [
    gettext_noop("- Select an option -"),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    # A pasted NUL character: Django's Chinese says "an empty string is not allowed".
    gettext_noop("Null characters are not allowed."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]

ALLAUTH = [
    # The message after confirming an address, and when "Cancel the change" comes from a page
    # left open after the new address was confirmed.
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    # Giving one's own address as the new one, and after making new recovery codes: allauth's
    # Chinese says 电子邮件地址, 账号 and 恢复代码 there.
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("A new set of recovery codes has been generated."),
    # Setting up two-factor authentication, for an account without a confirmed address.
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
]
