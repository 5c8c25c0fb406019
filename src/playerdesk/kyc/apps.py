from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KycConfig(AppConfig):
    name = "playerdesk.kyc"
    verbose_name = _("Identity verification")
