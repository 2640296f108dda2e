"""Debriefs from kept games: a step-through, notes, a terminal summary, CSV files, an HTML page with
charts, and a comparison of two games. Each module takes a Story (story.py) and returns text or
writes files; only wargame/cli_debrief.py prints."""
