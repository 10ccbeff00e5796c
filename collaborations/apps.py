from django.apps import AppConfig


class CollaborationsConfig(AppConfig):
    name = "collaborations"

    def ready(self) -> None:
        from collaborations import services
        from contacts import merging

        roles = "collaborations.Person.contact"
        merging.register(
            services.merge_contacts,
            relations=[
                roles,
                "collaborations.Feedback.contact",
                "collaborations.Idea.people",
                "collaborations.Session.attendees",
            ],
            counts={"collaboration roles": [roles]},
        )
