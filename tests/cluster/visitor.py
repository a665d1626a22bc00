"""Just enough of a browser to use the cluster over HTTP: cookies (one jar for every node, as a
browser keeps them per host name, whatever the port), forms filled in as shown, and files."""

import http.cookiejar
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

from bs4 import BeautifulSoup
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

TIMEOUT = 15


@dataclass
class Page:
    status: int
    url: str
    headers: dict
    body: bytes

    @property
    def html(self):
        return self.body.decode()

    @property
    def soup(self):
        return BeautifulSoup(self.html, "html.parser")

    def form_values(self, selector="main form"):
        """The values the page's form would send as it is shown: {name: value or [values]}."""
        form = self.soup.select_one(selector)
        values = {}
        for field in form.select("input[name], textarea[name], select[name]"):
            name, kind = field["name"], field.get("type", "")
            if kind in ("submit", "file") or (
                kind in ("checkbox", "radio") and not field.has_attr("checked")
            ):
                continue
            if field.name == "textarea":
                values[name] = field.get_text()
            elif field.name == "select":
                chosen = field.select_one("option[selected]") or field.select_one("option")
                values[name] = chosen.get("value", "") if chosen else ""
            else:
                values[name] = field.get("value", "")
        return values


class Visitor:
    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, request):
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return Page(response.status, response.url, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.url, dict(error.headers), error.read())

    def get(self, url):
        return self.open(urllib.request.Request(url))

    def post(self, url, fields, files=None):
        """Post like the browser: the form's CSRF token comes with the fields shown."""
        if files:
            data = encode_multipart(BOUNDARY, {**fields, **files})
            content_type = MULTIPART_CONTENT
        else:
            data = urlencode(fields, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
        return self.open(request)

    def submit(self, page, changes, files=None, selector="main form"):
        """Fill in the form shown on `page` with `changes` and send it."""
        form = page.soup.select_one(selector)
        action = urljoin(page.url, form.get("action") or page.url)
        return self.post(action, {**page.form_values(selector), **changes}, files)

    @property
    def session_cookie(self):
        return next((cookie.value for cookie in self.cookies if cookie.name == "sessionid"), None)
