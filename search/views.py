"""Search across everything you know about your contacts."""
