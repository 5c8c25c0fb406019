"""Routing decisions: which team handles a category, which priority a ticket starts with."""
