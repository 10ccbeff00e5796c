from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from contacts import hooks, merging
        from search import index, query

        # Contacts' own writes (details, tags, VIP flag; renamed, merged or deleted tags).
        hooks.register(hooks.Listener(contacts=index.put_contacts, tags=index.tags_changing))
        hooks.register_searcher(hooks.Searcher(rank=query.rank, reasons=query.reasons))
        # A merge indexes the merged contact again at its end (duplicates.merge); the others'
        # entries go before them.
        merging.register(
            index.drop_merged,
            relations=[
                "search.Entry.contact",
                "search.VectorBlock.contact",
                "search.ContactSketch.contact",
            ],
        )
