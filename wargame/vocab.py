"""The game's fixed words: the sides and the choices an order can name. No imports: every layer may use it."""

SIDES = ("eu", "ukraine", "russia")  # the playing sides, in the order each turn collects their orders
OWNERS = SIDES + ("us", "other")     # who may own a production line or site

# the choices of orders (and of the bot parameters that give them)
PRESSURES = ("low", "medium", "high")
PROBING = ("none", "low", "high")
TARGETS = ("industry", "energy")
AD_PRIORITIES = ("industry", "cities", "front")
DECISIONS = ("consensus", "coalition")

# the metrics every turn reports (plus coverage.AREA.with_us / .without_us / .us_gap for each area);
# objectives and batch columns name these. tests/test_layers.py checks that the turn gives exactly these.
METRIC_NAMES = (
    "eu.coverage_with_us_mean", "eu.coverage_without_us_mean", "eu.coverage_without_us_min", "eu.us_gap_mean",
    "eu.funds", "eu.spent", "eu.spent_turn", "eu.debt", "eu.budget_share", "ukraine.funds", "ukraine.troops",
    "ukraine.production", "ukraine.production_turn", "ukraine.shells", "ukraine.interceptors", "russia.funds",
    "russia.troops", "russia.armour", "russia.shells", "front.ground_km2", "front.change_km2", "strikes.hits",
    "strikes.deep_hits", "russia.revenue_lost",
    "strikes.hits_turn", "strikes.energy_damage", "strikes.industry_damage_max", "flank.ratio",
    "flank.crisis_probability", "flank.crises", "us.troops", "us.points", "politics.cohesion", "politics.support",
)

# the kinds of event in a turn's chronology; rules/visibility.yaml says who sees each
EVENT_KINDS = ("money", "project", "order", "delivery", "production", "build", "decision", "funding", "transfer",
               "programme_done", "us", "us_plan", "inject", "inject_private", "front", "front_detail", "strike", "strike_detail",
               "strike_loss", "crisis", "request", "control")
AUDIENCES = ("public", "own", "control")  # everyone; the side the event concerns (and control); control only

DAYS_PER_YEAR = 365  # the calendar: budgets and GDP are per year, turns are counted in days
