from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from django.db import connections
        from django.db.backends.signals import connection_created

        from contacts import hooks, merging
        from search import engines, index, query

        # The full-text index's triggers call a function every SQLite connection must have.
        connection_created.connect(engines.register)
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                engines.register(None, connection)

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
