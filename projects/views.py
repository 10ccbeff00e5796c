"""Freelance projects' pages."""
