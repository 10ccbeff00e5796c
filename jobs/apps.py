"""Long changes (deleting or editing thousands of contacts, restoring an export, applying new
default rhythms or a new time zone to every contact) done as a series of short transactions, so
no request holds the database for long and other users keep writing."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
