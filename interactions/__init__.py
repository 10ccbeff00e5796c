"""Interactions with contacts: the log, the timeline and the services that keep last contact."""
