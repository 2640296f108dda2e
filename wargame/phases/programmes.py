"""EU programmes (enablers and the like): paid per turn, done when their work days add up."""

import attrs

from wargame.phases.change import Change, event


def first_instalment(rules, pid, turn_days):
    """The instalment a programme costs per turn of turn_days (EUR million)."""
    p = rules.projects[pid]
    return p.cost * min(1.0, turn_days / p.duration_days)


def schedule(rules, projects, day0, day_end):
    """This turn's work on programmes: (finishing, progressed).

    finishing: (finish day, pid) of the programmes done inside the turn, in order of finish;
    progressed: (pid, Project) for those still under way at the turn's end."""
    pending = []
    for pid, proj in projects.items():
        if proj.done or proj.stalled:
            continue
        spec = rules.projects[pid]
        begin = max(day0, proj.start_day)
        left = spec.duration_days - proj.progress_days
        pending.append((begin + left, pid, begin))
    pending.sort()
    finishing, progressed = [], []
    for finish, pid, begin in pending:
        if finish >= day_end:
            proj = projects[pid]
            progressed.append((pid, attrs.evolve(proj, progress_days=proj.progress_days + (day_end - begin))))
        else:
            finishing.append((finish, pid))
    return finishing, progressed


def complete(rules, pid, project):
    """A programme completes: its items go to EU stocks and its capability points count."""
    spec = rules.projects[pid]
    got = ", ".join([f"{q:,} {i}" for i, q in spec.delivers.items()]
                    + [f"+{p:g} points {a}" for a, p in spec.points.items()])
    return Change(projects=((pid, attrs.evolve(project, progress_days=spec.duration_days, done=True)),),
                  stocks=tuple(("eu", item, qty) for item, qty in spec.delivers.items()),
                  extra=tuple(spec.points.items()),
                  events=(event(None, "programme_done", "eu", f"{spec.name} complete: {got}"),))
