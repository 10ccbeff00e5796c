"""Who changed a record is simple-history's `history_user`; *what* changed it (a form, the admin,
an import, the nightly refresh, ...) is the `source` every historical table carries."""

from django.db import models
from simple_history.models import HistoricalRecords

from history import sources


class SourceBase(models.Model):
    """The abstract base of every historical model: the source of the change."""

    # history_ like the other columns: a tracked model may have a `source` of its own.
    history_source = models.CharField(max_length=20, default=sources.SYSTEM)

    class Meta:
        abstract = True


class TrackedHistory(HistoricalRecords):
    """HistoricalRecords with a `history_source`, and no rows while history is paused
    (deleting a whole account, whose history goes with it)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("bases", [SourceBase])
        super().__init__(**kwargs)

    def get_meta_options(self, model) -> dict:
        """One record's versions newest first walk an index: the History page reads a page of
        rows, not all of the record's rows to sort them."""
        options = super().get_meta_options(model)
        name = f"hist_{model._meta.model_name[:15]}_versions"
        options["indexes"] = [
            *options.get("indexes", ()),
            models.Index(fields=[model._meta.pk.attname, "history_date", "history_id"], name=name),
        ]
        return options

    def post_save(self, instance, created, using=None, **kwargs) -> None:
        if not sources.is_paused():
            super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs) -> None:
        if not sources.is_paused():
            super().post_delete(instance, using=using, **kwargs)
