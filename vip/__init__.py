"""Extended profiles for VIP contacts."""
