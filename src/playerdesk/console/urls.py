from django.contrib.auth import views as auth_views
from django.urls import path

from playerdesk.console import verification, views

app_name = "console"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="console/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.queue, name="queue"),
    path("next/", views.next_ticket, name="next"),
    path("presence/", views.presence, name="presence"),
    path("chats/", views.chats, name="chats"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("search/", views.search, name="search"),
    path("players/<int:pk>/", views.player, name="player"),
    path("verification/", verification.review_queue, name="kyc_queue"),
    path("verification/<str:reference>/", verification.case_page, name="kyc_case"),
    path(
        "verification/<str:reference>/<str:action>/",
        verification.case_action,
        name="kyc_action",
    ),
    path("documents/<int:pk>/<str:variant>/", verification.document_file, name="kyc_document"),
    path("tickets/<str:reference>/", views.ticket, name="ticket"),
    path("tickets/<str:reference>/attachments/<int:pk>/", views.attachment, name="attachment"),
    path("tickets/<str:reference>/<str:action>/", views.ticket_action, name="ticket_action"),
]
