app_name = "faq"

urlpatterns = []
