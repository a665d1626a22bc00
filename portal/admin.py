from django.contrib import admin

from .models import SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "tagline", "contact_email", "contact_phone"]
    fieldsets = [
        (None, {"fields": ["name", "tagline"]}),
        (
            "Contact",
            {"fields": ["contact_email", "contact_phone", "postal_address", "office_hours"]},
        ),
    ]

    def has_add_permission(self, request):
        return not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
