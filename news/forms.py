from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .images import PHOTO_TYPES, clean_photo
from .models import Article


class PhotoInput(AdminFileWidget):
    # Labelled by the field's own label: in a fieldset of its own (Django's choice for a file
    # input with a "Clear" box) the legend names the group, and the file input has no label.
    use_fieldset = False


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "channel",
            "summary",
            "body",
            "image",
            "image_alt",
            "image_caption",
            "status",
            "publish_at",
            "featured",
            "source",
        ]
        # The file picker offers the kinds of photo clean_photo takes (Django's image field
        # offered every image).
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "image": PhotoInput(attrs={"accept": ",".join(PHOTO_TYPES)}),
        }
        # A file, checked as a photo by clean_photo alone: Django's image field refused an
        # image with too many pixels or a PDF as "not an image or a corrupted image" first.
        field_classes = {"image": forms.FileField}

    def clean_image(self):
        photo = self.cleaned_data.get("image")
        if isinstance(photo, UploadedFile):
            # A new upload: keep only the checked, EXIF-free copy, under a random name.
            return clean_photo(photo)
        return photo

    def full_clean(self):
        super().full_clean()
        # A browser sends a chosen file once: the page shown again with errors has none.
        chosen = self.files.get(self.add_prefix("image"))
        if self.errors and isinstance(chosen, UploadedFile) and "image" not in self.errors:
            self.add_error(
                "image",
                _(
                    "Choose the photo again: a chosen file is not kept while other fields need "
                    "correcting."
                ),
            )
