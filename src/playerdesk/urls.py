from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from playerdesk.api.urls import api
from playerdesk.server.views import healthz

admin.site.site_header = "playerdesk"
admin.site.site_title = "playerdesk"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("console/", include("playerdesk.console.urls")),
    path("p/", include("playerdesk.portal.urls")),
    path("", RedirectView.as_view(pattern_name="console:queue", permanent=False)),
]
