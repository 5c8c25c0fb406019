from django.urls import path

from playerdesk.portal import views

app_name = "portal"

urlpatterns = [
    path("<slug:brand>/enter/", views.enter, name="enter"),
    path("<slug:brand>/language/", views.set_language, name="language"),
    path("<slug:brand>/verification/", views.verification, name="verification"),
    path("<slug:brand>/verification/upload/", views.upload, name="upload"),
]
