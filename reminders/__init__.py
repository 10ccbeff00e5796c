"""Follow-up reminders, the nightly status refresh, the digest and the calendar feed."""
