"""The international collaboration group (ISG): agenda drafting, documents and mail-out."""
