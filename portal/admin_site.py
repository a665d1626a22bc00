from django.contrib import admin

from .models import SiteProfile


class PortalAdminSite(admin.AdminSite):
    def each_context(self, request):
        context = super().each_context(request)
        name = SiteProfile.load().name
        context["site_title"] = name
        context["site_header"] = f"{name} administration"
        return context
