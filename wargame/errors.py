"""The error classes: one root, narrow kinds, each carrying where and what."""


class WargameError(Exception):
    """Root of every error a user's input can cause."""


class RuleError(WargameError):
    """A rules, scenario or orders file is wrong. Carries file, line, key path and the problem."""

    def __init__(self, file, line, path, message):
        self.file = file
        self.line = line
        self.path = path
        self.message = message
        super().__init__(self.format())

    def format(self):
        where = str(self.file) if self.file else "<input>"
        if self.line:
            where += f":{self.line}"
        key = f" {self.path}:" if self.path else ""
        return f"{where}:{key} {self.message}"


class RuleErrors(WargameError):
    """Several problems found in one pass; each is a RuleError."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(e.format() for e in self.errors))


class OrderError(WargameError):
    """An order a side gave cannot be carried out: says side, turn, order and why."""

    def __init__(self, side, turn, order, why):
        self.side = side
        self.turn = turn
        self.order = order
        self.why = why
        super().__init__(f"{side}, turn {turn}: {order}: {why}")


class ReplayError(WargameError):
    """A replay file cannot be read, resumed or verified: says file, turn and what differs."""

    def __init__(self, file, turn, what):
        self.file = file
        self.turn = turn
        self.what = what
        where = str(file)
        if turn is not None:
            where += f": turn {turn}"
        super().__init__(f"{where}: {what}")


class AwaitingOrders(WargameError):
    """No orders for this side and turn yet: the game stops here and can be resumed later."""


class OutputError(WargameError):
    """An output file cannot be written where asked: says the path and why, in one line."""


class BatchError(WargameError):
    """A batch that cannot start or continue: bad options, a folder holding another batch, no scheduler."""


class OverrideError(WargameError):
    """A --set or --sweep key or value that does not fit the rules."""


class GivenRollError(WargameError):
    """A roll given in place of the dice that is out of range, or that the turn never draws."""
