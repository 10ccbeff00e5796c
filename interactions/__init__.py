"""Interactions with contacts: the log and timeline (filled by the Interactions issue)."""
