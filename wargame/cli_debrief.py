"""Debrief commands (debrief, compare, replay step, replay note)."""


def register(main, replay_group):
    """Add the debrief commands to the CLI."""
