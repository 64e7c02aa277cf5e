"""newsdesk: a terminal newsroom triage desk."""

__version__ = "0.1.0"
