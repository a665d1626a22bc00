"""The admin forms that carry the rich-text editor (news articles, FAQ answers)."""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override

# The editor loads its modules through an import map, an inline script: only its forms allow
# one, and only with that response's nonce. It then adds ProseMirror's own rules (white-space
# kept as typed, among others) as a <style> element, allowed by its hash: a new version of the
# editor with other rules needs the new hash (tests/browser/test_admin.py tells).
PROSEMIRROR_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
EDITOR_CSP = settings.SECURE_CSP | {
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, PROSEMIRROR_STYLE],
}


class RichTextEditorAdminMixin:
    @method_decorator(csp_override(EDITOR_CSP))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "csp_nonce": get_nonce(request)}
        return super().changeform_view(request, object_id, form_url, extra_context)
