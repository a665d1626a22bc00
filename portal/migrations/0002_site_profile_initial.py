from django.db import migrations

INITIAL_PROFILE = {
    "name": "Shanghai City Portal",
    "tagline": "News, answers and online services from the city government",
    "contact_email": "help@cityportal.example",
    "contact_phone": "12345",
    "postal_address": "Citizen Service Centre\n200 People's Avenue, Huangpu District\nShanghai 200003",
    "office_hours": "Monday to Friday, 9:00 to 17:00 (China Standard Time)",
}


def create_site_profile(apps, schema_editor):
    SiteProfile = apps.get_model("portal", "SiteProfile")
    SiteProfile.objects.get_or_create(pk=1, defaults=INITIAL_PROFILE)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_site_profile")]

    operations = [migrations.RunPython(create_site_profile, migrations.RunPython.noop)]
