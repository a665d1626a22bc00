"""Failed sign-ins, counted so that nobody can lock another person out.

A failure is counted for the account *and* the source it came from (the client's IP address;
for IPv6 its /64 network, which one household or phone usually holds). Failures from elsewhere
therefore never make the right password fail from here. From one source:

- allauth's limit "5/5m/key" (settings.ACCOUNT_RATE_LIMITS, keyed per account and source by the
  adapter) stops a sixth try within five minutes;
- after FREE_FAILURES failures in a row, each further one makes the source wait twice as long
  before its next try: 5 minutes, then 10, 20, 40 ... at most LONGEST_WAIT. The count is
  forgotten a day after the last failure, and at once when the person signs in or resets the
  password from that source. Nothing sleeps: a try before the time is refused at once;
- the per-IP limits of allauth ("login_failed" per ip) cap what one source tries over all accounts.

Across all sources, when an account reaches ALERT_FAILURES failures within an hour, a warning is
logged for the operators and the account's owner (staff included) gets an email through the
outbox, at most once an hour.

Counts live in the shared "default" cache, as allauth's own limits do.
"""

import hashlib
import ipaddress
import logging
import time

from allauth.account.utils import filter_users_by_email
from django.core.cache import cache

logger = logging.getLogger(__name__)

FREE_FAILURES = 5
FIRST_WAIT_SECONDS = 5 * 60
LONGEST_WAIT_SECONDS = 12 * 60 * 60
MEMORY_SECONDS = 24 * 60 * 60
ALERT_FAILURES = 10
ALERT_WINDOW_SECONDS = 60 * 60


def source_of(ip):
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def _key(kind, *parts):
    digest = hashlib.sha256("\n".join(parts).lower().encode()).hexdigest()
    return f"sign-in-failures:{kind}:{digest}"


def wait_seconds(failures):
    """How long a source waits after its latest failure, with `failures` in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES), LONGEST_WAIT_SECONDS)


def seconds_to_wait(login, source):
    """0 when this source may try to sign in to this account now."""
    failures, last_failed_at = cache.get(_key("source", login, source), (0, 0))
    return max(0, round(last_failed_at + wait_seconds(failures) - time.time()))


def record_failure(login, source, *, on_repeated):
    key = _key("source", login, source)
    failures, _ = cache.get(key, (0, 0))
    now = time.time()
    cache.set(key, (failures + 1, now), MEMORY_SECONDS)
    recent = _failures_within_the_hour(login, now)
    if len(recent) >= ALERT_FAILURES and _first_alert_within_the_hour(login, now):
        alert(login, len(recent), on_repeated)


def _failures_within_the_hour(login, now):
    key = _key("account", login)
    recent = [moment for moment in cache.get(key, []) if moment > now - ALERT_WINDOW_SECONDS]
    recent = [*recent, now][-ALERT_FAILURES:]
    cache.set(key, recent, ALERT_WINDOW_SECONDS)
    return recent


def _first_alert_within_the_hour(login, now):
    # Two failures at the very same moment might both alert: one email too many, no harm.
    key = _key("alerted", login)
    if cache.get(key, 0) > now - ALERT_WINDOW_SECONDS:
        return False
    cache.set(key, now, ALERT_WINDOW_SECONDS)
    return True


def alert(login, failures, on_repeated):
    users = filter_users_by_email(login)
    if not users:
        return
    user = users[0]
    logger.warning(
        "Repeated failed sign-ins: %s for account #%s within the hour, from any source.",
        failures,
        user.pk,
    )
    on_repeated(user, failures)


def forget(login, source):
    cache.delete(_key("source", login, source))
