from django.urls import path

from playerdesk.chat import views as chat
from playerdesk.portal import contact, views

app_name = "portal"

urlpatterns = [
    path("<slug:brand>/enter/", views.enter, name="enter"),
    path("<slug:brand>/chat.js", chat.widget_script, name="chat_script"),
    path("<slug:brand>/chat/", chat.try_page, name="chat_try"),
    path("<slug:brand>/contact/", contact.contact, name="contact"),
    path("<slug:brand>/contact/sent/", contact.contact_sent, name="contact_sent"),
    path("<slug:brand>/language/", views.set_language, name="language"),
    path("<slug:brand>/verification/", views.verification, name="verification"),
    path("<slug:brand>/verification/upload/", views.upload, name="upload"),
]
