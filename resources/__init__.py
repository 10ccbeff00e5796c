"""Knowledge sharing: articles, books, repos and talks shared with contacts, both ways."""
