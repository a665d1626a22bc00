from django import template

register = template.Library()


@register.inclusion_tag("accounts/widgets/account_panel.html", takes_context=True)
def account_panel(context):
    """The home page's sign-in box, or the signed-in person's panel."""
    return {"user": context["request"].user}
