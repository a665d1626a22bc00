from django.core.exceptions import BadRequest


def reject_nul_characters(get_response):
    """Middleware: no address of the portal takes a NUL character, and PostgreSQL refuses text
    holding one: answer 400 before a query (the admin's filters, for one) fails with a 500."""

    def middleware(request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest("A NUL character in the address.")
        return get_response(request)

    return middleware
