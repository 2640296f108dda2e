"""The game's fixed words: the sides and the choices an order can name. No imports: every layer may use it."""

SIDES = ("eu", "ukraine", "russia")  # the playing sides, in the order each turn collects their orders
US = "us"                            # the United States: played by its scenario, or seated (a team or a bot)
SEATS = SIDES + (US,)                # every side that can give orders (the US only where a scenario seats it)
SIDE_NAMES = {"eu": "EU", "ukraine": "Ukraine", "russia": "Russia", US: "United States"}  # as pages name them
OWNERS = SIDES + (US, "other")       # who may own a production line or site
MAX_TURNS = 200                      # the most turns a game may have: a scenario's, and any turn a command names

# the choices of orders (and of the bot parameters that give them)
PRESSURES = ("low", "medium", "high")
PROBING = ("none", "low", "high")
TARGETS = ("industry", "energy")
AD_PRIORITIES = ("industry", "cities", "front")
DECISIONS = ("consensus", "coalition")
ADJUDICATION_MODES = ("table", "umpire", "matrix")  # how a question is ruled (rules/adjudication.yaml)

# the metrics every turn reports (plus coverage.AREA.with_us / .without_us / .us_gap for each area);
# objectives and batch columns name these. tests/test_layers.py checks that the turn gives exactly these.
METRIC_NAMES = (
    "eu.coverage_with_us_mean", "eu.coverage_without_us_mean", "eu.coverage_without_us_min", "eu.us_gap_mean",
    "eu.funds", "eu.spent", "eu.spent_turn", "eu.debt", "eu.budget_share", "ukraine.funds", "ukraine.troops",
    "ukraine.production", "ukraine.production_turn", "ukraine.shells", "ukraine.interceptors", "russia.funds",
    "russia.troops", "russia.armour", "russia.tanks", "russia.armoured_vehicles", "russia.shells", "front.ground_km2",
    "front.change_km2", "strikes.hits",
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

def stored_lines(suppliers):
    """(owner, item, feedstock) of each line that works from a stored feedstock (refurbishment), in
    rules order, one per (owner, item). suppliers: the rules' table, records or plain dicts."""
    out, seen = [], set()
    for s in suppliers.values():
        get = s.get if isinstance(s, dict) else lambda k, s=s: getattr(s, k)
        if get("feedstock") and (get("owner"), get("item")) not in seen:
            seen.add((get("owner"), get("item")))
            out.append((get("owner"), get("item"), get("feedstock")))
    return out


# per-item metrics (docs/metrics.md): KIND.SIDE.ITEM for every side and item of the rules, and for each
# line that works from a stored feedstock, refurbished.OWNER.ITEM (made from it) and storage.OWNER.ITEM (left)
ITEM_METRIC_KINDS = ("made", "received", "stock")
STORAGE_METRIC_KINDS = ("refurbished", "storage")


def dynamic_metric_names(areas, items, stored):
    """The metric names that depend on the rules: coverage per area, KIND.SIDE.ITEM per item, and
    refurbished/storage for each (owner, item) of `stored` (lines that work from stored stock)."""
    names = [f"coverage.{a}.{k}" for a in areas for k in ("with_us", "without_us", "us_gap")]
    names += [f"{k}.{s}.{i}" for k in ITEM_METRIC_KINDS for s in SIDES for i in items]
    names += [f"{k}.{o}.{i}" for o, i, *_ in stored for k in STORAGE_METRIC_KINDS]
    return names
