"""The home page: who needs attention today, and how your network is doing."""
