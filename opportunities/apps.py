from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "opportunities"

    def ready(self) -> None:
        from contacts import merging
        from opportunities import merge

        merging.register(
            merge.merge_contacts,
            relations=["opportunities.Participant.contact", "opportunities.RecruiterNotes.contact"],
            counts={
                "opportunity roles": ["opportunities.Participant.contact"],
                "recruiter notes": ["opportunities.RecruiterNotes.contact"],
            },
        )
