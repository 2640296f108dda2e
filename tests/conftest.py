"""Shared test settings.

Hypothesis: no per-example deadline anywhere. Four engineers' test runs share two cores here, and a
deadline measured in wall-clock time fails a correct example that merely waited for a core; the
examples' number is still set per test (fewer where an example plays whole games).

Rules and scenarios are not loaded once per session here: wargame.yamlsafe caches parsed files and
whole rules folders by their content inside the process, so each Game.load after the first costs
about a millisecond and every test still gets its own copy to change.
"""

from hypothesis import settings

settings.register_profile("wargame", deadline=None)
settings.load_profile("wargame")
