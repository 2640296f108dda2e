"""Shared by the benchmarks: a bare SimPy loop's speed, and a count of the events a run schedules."""

import contextlib
import time

import simpy


def bare_simpy(n):
    """Events per second of a plain SimPy loop: n timeouts in one process."""
    env = simpy.Environment()

    def proc():
        for _ in range(n):
            yield env.timeout(1)

    env.process(proc())
    start = time.perf_counter()
    env.run()
    return n / (time.perf_counter() - start)


@contextlib.contextmanager
def counting_events():
    """Count every event SimPy schedules inside the block: `with counting_events() as counted: ...; counted[0]`."""
    counted = [0]
    original = simpy.Environment.schedule

    def schedule(self, event, priority=1, delay=0):
        counted[0] += 1
        return original(self, event, priority, delay)

    simpy.Environment.schedule = schedule
    try:
        yield counted
    finally:
        simpy.Environment.schedule = original
