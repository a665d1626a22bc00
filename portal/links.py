"""The portal's own address, for links read away from the page: in emails, canonical links, feeds,
the sitemap and robots.txt.

PORTAL_BASE_URL when it is set: in production, the address people use, whatever proxy is in
front. Otherwise the request's scheme and host name, which Django has checked against
ALLOWED_HOSTS, with the port the server received the request on (SERVER_PORT). A port written in
the Host header is never used: `Host: portal.example:6666` passes ALLOWED_HOSTS, which ignores
ports, and must not put port 6666 into a password reset link. Behind a proxy the server's own
port is not the public one, so production sets PORTAL_BASE_URL (`check --deploy` says so).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http.request import split_domain_port

DEFAULT_PORTS = {"http": "80", "https": "443"}


def site_origin(request):
    """`scheme://host[:port]` of the portal, without a trailing slash."""
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL
    domain, _ = split_domain_port(request.get_host())
    scheme = request.scheme
    port = request.META.get("SERVER_PORT", "")
    if port and port != DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{domain}:{port}"
    return f"{scheme}://{domain}"


def absolute_url(request, path):
    return f"{site_origin(request)}{path}"


def on_the_portal(request, url):
    """A link that a library built from the request's Host header, moved onto site_origin."""
    parts = urlsplit(url)
    if not parts.netloc or parts.netloc != request.get_host():
        return url
    return site_origin(request) + urlunsplit(("", "", parts.path, parts.query, parts.fragment))
