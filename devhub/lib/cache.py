"""The default cache: Django's database cache, with an increment two processes cannot both win
and an `add` that only writes when it adds.

Rate limits count in the cache, and every gunicorn worker must add to the same count. Django's
database cache is shared by all of them, but its `incr()` reads the value and writes it back,
so two workers counting at once both write 6 over a 5 and one hit is lost. Here the read and
the write happen in one transaction that holds the row: on PostgreSQL a row lock
(`SELECT ... FOR UPDATE`), on SQLite the write lock every DevHub transaction takes when it
begins (`transaction_mode=IMMEDIATE`, see devhub.lib.config.database).
"""

import base64
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        """Django's add opens a write transaction even when the key is there, which on SQLite
        takes the database's write lock: a rate limit (django-ratelimit adds its window's key,
        then increments it) would take it twice on every request. A key still there is found
        by a read; only a missing or expired one goes on to Django's add."""
        if self.has_key(key, version=version):
            return False
        return super().add(key, value, timeout, version)

    def incr(self, key, delta: int = 1, version=None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        cache_key = self.make_and_validate_key(key, version=version)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote_name('cache_key')} FROM {table} "
                    f"WHERE {quote_name('cache_key')} = %s{lock}",
                    [cache_key],
                )
            # Read through get() for its expiry check and decoding, now that nobody else can
            # change the row until this transaction ends.
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            with connection.cursor() as cursor:
                # Only the value: the count keeps the expiry its window was created with.
                cursor.execute(
                    f"UPDATE {table} SET {quote_name('value')} = %s "
                    f"WHERE {quote_name('cache_key')} = %s",
                    [pickled, cache_key],
                )
        return value
