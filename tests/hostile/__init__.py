"""Hostile-input acceptance suite (issue 14): case generators and the built-site scanner."""
