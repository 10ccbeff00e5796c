from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self) -> None:
        from contacts import merging
        from projects import merge

        merging.register(
            merge.merge_contacts,
            relations=["projects.Member.contact"],
            counts={"project roles": ["projects.Member.contact"]},
        )
