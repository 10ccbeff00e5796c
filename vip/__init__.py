"""Extended profiles for VIP contacts (filled by the VIP issue)."""
