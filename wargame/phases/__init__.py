"""The turn's rulings as pure functions.

Each phase takes frozen values (the rules, the scenario, what it needs of the turn's working state)
and the rolls it needs, already drawn, and returns a Change: what the ruling does to money, stocks,
lines, the US, politics, and the events it reports. No SimPy, no randomness, no I/O, nothing
changed in place. The SimPy layer (wargame/sim.py) decides *when* each phase runs, draws its rolls
from the turn's Chance, and applies the Change to the turn's Ledger.

    money        income and debt at the start of a turn, programme instalments
    procurement  orders: payments, SAFE, queued orders, builds, programmes, transfers, EU decisions
    production   a line's batch: output, damage, carry-over, feedstock, deliveries in queue order
    programmes   EU programmes completing
    us           US withdrawal steps, FMS and intelligence pauses, aid
    white_cell   the facilitator's injects
    combat       the front, Russian strike waves, Ukrainian deep strikes
    flank        the eastern flank: threat, readiness, crises
    politics     cohesion and support
    scoring      the turn's metrics and the objectives
"""
