"""Relationship-status engine, follow-up reminders and digests (filled by the Reminders issue)."""
