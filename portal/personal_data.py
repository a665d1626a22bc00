"""The emails the portal sent (or is about to send) to the person, for "Download my data".

The text of emails holding a sign-in link or code is left out: it is the recipient's alone, and
it is erased once the email is sent.
"""

from allauth.account.models import EmailAddress

from .models import OutgoingEmail


def export(user):
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    emails = OutgoingEmail.objects.to_any_of(addresses).order_by("created_at", "pk")
    return {
        "emails": [
            {
                "to": email.to,
                "subject": email.subject,
                "queued_at": email.created_at.isoformat(),
                "status": email.get_status_display(),
                "sent_at": email.sent_at.isoformat() if email.sent_at else None,
                "about": email.reference,
                "text": None if email.is_private else email.body_text,
            }
            for email in emails
        ]
    }
