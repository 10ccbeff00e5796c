"""Your network by technology: who knows what, the stack map, matching and introductions."""
