"""Demo accounts with known passwords (accounts.yaml): a citizen, an editor and a caseworker."""

from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.demo_data import read_yaml

DATA = Path(__file__).parent


def accounts():
    return read_yaml(DATA / "accounts.yaml")


def demo_account(*, email, password, full_name, role, group=None):
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
    entries = accounts()
    for account in entries:
        demo_account(**account)
    if stdout:
        stdout.write(style.MIGRATE_HEADING("Demo sign-in details (email / password):"))
        for account in entries:
            stdout.write(f"  {account['role']}: {account['email']} / {account['password']}")
        stdout.write(
            "  Staff set up two-factor authentication (an authenticator app) the first time "
            "they open /admin/."
        )
