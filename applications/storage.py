from django.conf import settings
from django.core.files.storage import FileSystemStorage


class AttachmentStorage(FileSystemStorage):
    """Private files in a folder: the location follows the setting, and there is no public URL.
    STORAGES["attachments"] names it; several app servers share the folder, or use another
    storage there (README: "Several machines")."""

    def __init__(self):
        super().__init__(base_url="/no-public-url/")

    @property
    def base_location(self):
        return str(settings.APPLICATIONS_ATTACHMENT_ROOT)

    @property
    def location(self):
        return str(settings.APPLICATIONS_ATTACHMENT_ROOT.resolve())
