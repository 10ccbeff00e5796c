"""Job opportunities: a pipeline for the job search, linked to the people involved."""
