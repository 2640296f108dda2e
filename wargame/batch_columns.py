"""The columns of a batch's files (runs.csv, turns.csv) and its format: what batch.py writes and
batch_summary.py reads, kept here so that neither imports the other."""

from wargame.vocab import METRIC_NAMES, SIDES

FORMAT = "wargame-batch"
FORMAT_VERSION = 1
ID_COLUMNS = ("scenario", "sweep_key", "sweep_value", "run")
SCORE_COLUMNS = tuple(f"score.{side}" for side in SIDES)
RUN_COLUMNS = ID_COLUMNS + ("seed",) + METRIC_NAMES + SCORE_COLUMNS
TURN_METRICS = ("eu.coverage_without_us_mean", "eu.us_gap_mean", "front.ground_km2", "flank.crises",
                "strikes.hits", "ukraine.production", "us.points", "politics.cohesion", "eu.debt")
TURN_COLUMNS = ID_COLUMNS + ("turn",) + TURN_METRICS
