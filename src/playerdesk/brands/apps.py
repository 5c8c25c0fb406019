from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class BrandsConfig(AppConfig):
    name = "playerdesk.brands"
    verbose_name = _("Brands")

    def ready(self) -> None:
        from playerdesk.brands import cache
        from playerdesk.brands.models import Brand

        post_save.connect(cache.forget, sender=Brand, dispatch_uid="brand-cache-save")
        post_delete.connect(cache.forget, sender=Brand, dispatch_uid="brand-cache-delete")
