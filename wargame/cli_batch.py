"""The batch command (Monte Carlo runs, sweeps)."""


def register(main):
    """Add the batch command to the CLI."""
