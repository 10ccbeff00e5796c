from django.apps import AppConfig


class VipConfig(AppConfig):
    name = "vip"

    def ready(self) -> None:
        from contacts import merging
        from vip import merge

        sections = [f"vip.{model.__name__}.contact" for model in merge.SECTIONS]
        merging.register(
            merge.merge_contacts,
            relations=["vip.ProjectCollaboration.contact", *sections],
            counts={"VIP projects": ["vip.ProjectCollaboration.contact"], "VIP sections": sections},
        )
