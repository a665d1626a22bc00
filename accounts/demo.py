"""Demo accounts with known passwords: a citizen, an editor and a caseworker."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

# The applications demo gives the citizen and the caseworker their cases: same addresses.
DEMO_ACCOUNTS = [
    {
        "email": "citizen@demo.cityportal.example",
        "password": "Huangpu-river-2026",
        "full_name": "Zhang Wei",
        "group": None,
        "role": "Citizen",
    },
    {
        "email": "editor@demo.cityportal.example",
        "password": "Bund-news-desk-2026",
        "full_name": "Liu Yang",
        "group": "Editors",
        "role": "Editor (staff)",
    },
    {
        "email": "caseworker@demo.cityportal.example",
        "password": "Pudong-casework-2026",
        "full_name": "Chen Jing",
        "group": "Caseworkers",
        "role": "Caseworker (staff)",
    },
]


def demo_account(*, email, password, full_name, group, role):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "is_staff": group is not None}
    )
    # Only a password nobody set yet: one changed through the portal stays.
    if created or not user.has_usable_password():
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if group and not user.groups.filter(name=group).exists():
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def seed(*, stdout, style):
    for account in DEMO_ACCOUNTS:
        demo_account(**account)
    if stdout:
        stdout.write(style.MIGRATE_HEADING("Demo sign-in details (email / password):"))
        for account in DEMO_ACCOUNTS:
            stdout.write(f"  {account['role']}: {account['email']} / {account['password']}")
        stdout.write(
            "  Staff set up two-factor authentication (an authenticator app) the first time "
            "they open /admin/."
        )
