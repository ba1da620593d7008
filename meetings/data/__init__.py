"""Reference data shipped with the service; see README.md beside it for sources."""
