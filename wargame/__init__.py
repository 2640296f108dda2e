"""wargame: a tabletop wargame engine for a coordinated versus a chaotic US withdrawal from Europe."""

__version__ = "0.1.0"
