"""The admin forms that carry the rich-text editor (news articles, FAQ answers)."""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override

# The editor loads its modules through an import map, an inline script: only its forms allow
# one, and only with that response's nonce.
EDITOR_CSP = settings.SECURE_CSP | {"script-src": [CSP.SELF, CSP.NONCE]}


class RichTextEditorAdminMixin:
    @method_decorator(csp_override(EDITOR_CSP))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "csp_nonce": get_nonce(request)}
        return super().changeform_view(request, object_id, form_url, extra_context)
