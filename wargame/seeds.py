"""The range of a game's seed: a whole number 0..2**63-1 (it fits a signed 64-bit integer, so a CSV
column or a numpy array holds it). The command line, the library and the replay reader check the
same range, so every game that can be played can be read back from its replay."""

from wargame.errors import WargameError

SEED_MIN = 0
SEED_MAX = 2**63 - 1


def valid_seed(seed):
    return isinstance(seed, int) and not isinstance(seed, bool) and SEED_MIN <= seed <= SEED_MAX


def check_seed(seed):
    """The seed, or WargameError if it is not a whole number in 0..2**63-1."""
    if not valid_seed(seed):
        raise WargameError(f"seed {seed!r}: a seed is a whole number from {SEED_MIN} to 2**63-1 ({SEED_MAX})")
    return seed
