"""Bot policies for a seated US (rules/bots.yaml `us:`). Like the other bots each reads only its own
view (wargame.view.us_view) and the rules' parameters, draws no random number, and keeps within the
bounds its scenario sets (us.seat), so its orders always pass the check a team's orders pass."""


def us_bot_orders(params, v):
    """The US orders of a policy's parameters given the US view v."""
    b = v["bounds"]
    turn = v["turn"]
    low, high = b["notice_days"]
    orders = {"rationale": f"bot: {params.description}", "steps": [],
              "aid_share": round(min(b["aid"][1], max(b["aid"][0], params.aid_start - params.aid_step * (turn - 1))), 6)}
    if (turn - 1) % params.every_turns == 0 and b["max_steps_per_turn"] > 0:
        step = {"announce_day": min(params.announce_day, v["turn_days"] - 1),
                "notice_days": min(high, max(low, params.notice_days)),
                "handover": min(b["handover_max"], params.handover), "areas": {}, "troops": 0}
        for area in params.areas:
            left = v["share_left"].get(area, 0.0)
            if area in b["areas"] and left > 1e-9:
                step["areas"] = {area: round(min(params.share, b["max_share_per_step"], left), 9)}
                break
        step["troops"] = min(params.troops, b["max_troops_per_turn"], v["troops_left"])
        if step["areas"] or step["troops"]:
            orders["steps"].append(step)
    pause = min(params.pause_turns, b["pause_turns_max"])
    if pause and not v["fms_paused"]:
        orders["fms_pause_turns"] = pause
    if pause and not v["intel_paused"]:
        orders["intel_pause_turns"] = pause
    return orders
