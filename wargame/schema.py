"""A small declarative validator for rules files, with messages a rules author can act on.

check(schema, doc, ids=...) lists every problem of a loaded Document as RuleErrors sorted by
line; require(...) raises them together or returns the data with defaults filled in.
Every Record may carry a `source:` note; with source=True it must.
"""

import copy
import datetime
import difflib
import keyword
import math
import re
import types
from collections.abc import Mapping

import attrs

from wargame.errors import RuleErrors
from wargame.vocab import MAX_TURNS  # noqa: F401 (a scenario's turns, rules.py; the turn an order or inject names)

SOURCE_MESSAGE = (
    "missing source: every record with numbers needs a source note "
    '(a public source, the paper, or "design assumption")'
)
_LIST_LIMIT = 12  # list the allowed names in a message only when there are fewer than this
# No number in a rules, scenario, orders or injects file may be larger than this in size, whatever its
# own range: a number of hundreds of digits, or near 1e308, would overflow the engine's arithmetic
# (a float is at most about 1.8e308). Fields with a meaning of their own have tighter ranges.
CEILING = 1e12
MAX_UNITS = 100_000_000  # units of an item in one order, transfer, request, inject or strike
MAX_EUR_M = 1_000_000  # EUR million in one order or inject (EUR 1 trillion, several years of EU defence)


@attrs.frozen
class Problem:
    """One thing wrong with the data: where (a key path tuple) and what."""
    path: tuple
    message: str


def describe(value):
    """A short, readable rendering of a found value for messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _num(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat(' ')}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__}"


def _num(x):
    """A number as a message shows it: whole numbers of 5 or more digits with thousands commas,
    huge ones (hundreds of digits) in floating-point notation, others as they are."""
    if isinstance(x, float) and x.is_integer() and 1e4 <= abs(x) <= 1e15:
        x = int(x)
    if isinstance(x, int):
        if abs(x) >= 10**16:
            return format(float(x), ".6g") if abs(x) < 10**308 else f"a whole number of {len(str(abs(x)))} digits"
        return f"{x:,}" if abs(x) >= 10**4 else str(x)
    return format(x, ".12g")


def _name(key):
    return repr(key) if isinstance(key, str) else str(key)


def _did_you_mean(word, options):
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _hint(word, options, label):
    """' (did you mean ...?)' if something is close, else the short list of options."""
    options = sorted(options, key=str) if not isinstance(options, (list, tuple)) else list(options)
    close = _did_you_mean(word, options)
    if close or not options or len(options) >= _LIST_LIMIT:
        return close
    return f" ({label}: {', '.join(map(str, options))})"


def _is_number(value):
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _article(word):
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


class Schema:
    """Base of the schema nodes: validate() lists problems, fill() completes defaults."""

    def validate(self, data, path, ids):
        raise NotImplementedError

    def fill(self, data):
        return data

    def build(self, data):
        """The filled, valid data as frozen values: records, FrozenMaps and tuples."""
        return self.fill(data)

    def json_schema(self):
        """The same constraints as a JSON Schema fragment (cross-field checks are not expressible)."""
        raise NotImplementedError


@attrs.frozen
class Num(Schema):
    """An int or float (never a bool), optionally bounded and/or whole."""
    min: float | None = None
    max: float | None = None
    integer: bool = False
    what: str | None = attrs.field(default=None, kw_only=True)

    def wanted(self):
        if self.what:
            return self.what
        noun = "a whole number" if self.integer else "a number"
        if self.min is not None and self.max is not None:
            return f"{noun} from {_num(self.min)} to {_num(self.max)}"
        if self.min is not None:
            return f"{noun} >= {_num(self.min)}"
        return noun if self.max is None else f"{noun} <= {_num(self.max)}"

    def validate(self, data, path, ids):
        if (type(data) is int and (self.min is None or data >= self.min) and (self.max is None or data <= self.max)
                and -CEILING <= data <= CEILING):
            return []  # the commonest case (a quantity in an order), decided without the checks below
        ok = (
            _is_number(data)
            and not (self.integer and isinstance(data, float) and not data.is_integer())
            and (self.min is None or data >= self.min)
            and (self.max is None or data <= self.max)
        )
        if not ok:
            return [Problem(path, f"expected {self.wanted()}, found {describe(data)}")]
        if abs(data) > CEILING:
            return [Problem(path, f"expected {self.wanted()} of at most {_num(CEILING)} in size, found {describe(data)}")]
        return []

    def fill(self, data):
        return int(data) if self.integer and isinstance(data, float) and data.is_integer() else data

    def json_schema(self):
        out = {"type": "integer" if self.integer else "number", "description": self.wanted()}
        out["minimum"] = -CEILING if self.min is None else self.min
        out["maximum"] = CEILING if self.max is None else self.max
        return out


def Prob():
    """A probability: a number from 0 to 1."""
    return Num(0, 1, what="a probability between 0 and 1")


@attrs.frozen
class Str(Schema):
    """Text, optionally one of a fixed set of choices."""
    choices: tuple | None = attrs.field(default=None, converter=lambda c: None if c is None else tuple(c))

    def validate(self, data, path, ids):
        if self.choices is None:
            return [] if isinstance(data, str) else [Problem(path, f"expected text, found {describe(data)}")]
        if isinstance(data, str) and data in self.choices:
            return []
        hint = _did_you_mean(data, self.choices) if isinstance(data, str) else ""
        return [Problem(path, f"expected one of {', '.join(self.choices)}, found {describe(data)}{hint}")]

    def json_schema(self):
        return {"type": "string"} if self.choices is None else {"enum": list(self.choices)}


@attrs.frozen
class Bool(Schema):
    """true or false."""

    def validate(self, data, path, ids):
        return [] if isinstance(data, bool) else [Problem(path, f"expected true or false, found {describe(data)}")]

    def json_schema(self):
        return {"type": "boolean"}


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@attrs.frozen
class Date(Schema):
    """A calendar date: a YAML date or a 'YYYY-MM-DD' string; fill() gives a datetime.date."""

    def validate(self, data, path, ids):
        if _as_date(data) is not None:
            return []
        return [Problem(path, f"expected a date like 2025-03-01, found {describe(data)}")]

    def fill(self, data):
        return _as_date(data) or data

    def json_schema(self):
        return {"type": "string", "format": "date", "description": "a date like 2025-03-01"}


def _too_few(n, found, one="item", many="items"):
    return f"expected at least {n} {one if n == 1 else many}, found {found}"


@attrs.frozen
class ListOf(Schema):
    """A list whose items all match item."""
    item: Schema
    min_len: int = 0
    max_len: int | None = None

    def validate(self, data, path, ids):
        if not isinstance(data, list):
            return [Problem(path, f"expected a list, found {describe(data)}")]
        out = []
        if len(data) < self.min_len:
            out.append(Problem(path, _too_few(self.min_len, len(data))))
        if self.max_len is not None and len(data) > self.max_len:
            items = "item" if self.max_len == 1 else "items"
            out.append(Problem(path, f"expected at most {self.max_len} {items}, found {len(data)}"))
        for i, item in enumerate(data):
            out += self.item.validate(item, path + (i,), ids)
        return out

    def fill(self, data):
        return [self.item.fill(item) for item in data] if isinstance(data, list) else data

    def build(self, data):
        return tuple(self.item.build(item) for item in data)

    def json_schema(self):
        out = {"type": "array", "items": self.item.json_schema()}
        if self.min_len:
            out["minItems"] = self.min_len
        if self.max_len is not None:
            out["maxItems"] = self.max_len
        return out


@attrs.frozen
class MapOf(Schema):
    """A mapping from ids to values matching value; keys checked by key (e.g. a Ref) if given."""
    value: Schema
    key: Schema | None = None
    min_len: int = 0
    sums_to: float | None = None

    def validate(self, data, path, ids):
        if not isinstance(data, dict):
            return [Problem(path, f"expected a mapping, found {describe(data)}")]
        out = []
        if len(data) < self.min_len:
            out.append(Problem(path, _too_few(self.min_len, len(data), "entry", "entries")))
        for k, v in data.items():
            if self.key is not None:
                out += self.key.validate(k, path + (k,), ids)
            out += self.value.validate(v, path + (k,), ids)
        values = list(data.values())
        if self.sums_to is not None and all(_is_number(v) and abs(v) <= CEILING for v in values):
            total = math.fsum(values)
            if abs(total - self.sums_to) > 1e-9:
                out.append(Problem(path, f"values must sum to {_num(self.sums_to)}, found {_num(total)}"))
        return out

    def fill(self, data):
        return {k: self.value.fill(v) for k, v in data.items()} if isinstance(data, dict) else data

    def build(self, data):
        return FrozenMap({k: self.value.build(v) for k, v in data.items()})

    def json_schema(self):
        out = {"type": "object", "additionalProperties": self.value.json_schema()}
        if self.key is not None:
            key = self.key.json_schema()
            if "enum" in key:
                out["propertyNames"] = key
            elif "description" in key:
                out["description"] = f"keys: {key['description']}"
        if self.min_len:
            out["minProperties"] = self.min_len
        if self.sums_to is not None:
            out["description"] = f"values must sum to {_num(self.sums_to)}"
        return out


_IMMUTABLE = (type(None), bool, int, float, str)


@attrs.frozen
class Opt:
    """Marks a Record field as optional; fill() puts a copy of default where it is missing."""
    schema: Schema
    default: object = None


@attrs.frozen
class Record(Schema):
    """A mapping with named fields: required unless wrapped in Opt, unknown keys refused unless open.

    build() makes an instance of the frozen class declared for it (see declare_classes), whose
    attributes are the YAML keys; with as_map=True (fields named by data, such as probing levels) a
    FrozenMap instead.
    """
    fields: dict
    source: bool = False
    open: bool = False
    name: str | None = attrs.field(default=None, kw_only=True)
    as_map: bool = attrs.field(default=False, kw_only=True)

    def allowed(self):
        return list(self.fields) + (["source"] if self.source and "source" not in self.fields else [])

    def validate(self, data, path, ids):
        if not isinstance(data, dict):
            return [Problem(path, f"expected a mapping, found {describe(data)}")]
        out = []
        for name, spec in self.fields.items():
            if name in data:
                schema = spec.schema if isinstance(spec, Opt) else spec
                out += schema.validate(data[name], path + (name,), ids)
            elif not isinstance(spec, Opt):
                out.append(Problem(path, f"missing key {_name(name)}"))
        if "source" not in self.fields:
            out += self.check_source(data, path)
        if not self.open:
            fields = self.fields
            for key in data:
                if key not in fields and key != "source":  # allowed() is the fields, and `source`
                    hint = _hint(key, self.allowed(), "allowed keys")
                    out.append(Problem(path + (key,), f"unknown key {_name(key)}{hint}"))
        return out

    def check_source(self, data, path):
        if "source" not in data:
            return [Problem(path, SOURCE_MESSAGE)] if self.source else []
        note = data["source"]
        if isinstance(note, str) and note.strip():
            return []
        return [Problem(path + ("source",), "source must be a note in words (a public source, the paper, "
                        f'or "design assumption"), found {describe(note)}')]

    def fill(self, data):
        if not isinstance(data, dict):
            return data
        out = {}
        for name, spec in self.fields.items():
            if name in data:
                out[name] = (spec.schema if isinstance(spec, Opt) else spec).fill(data[name])
            elif isinstance(spec, Opt):
                default = spec.default  # a copy, unless it cannot be changed anyway
                out[name] = default if type(default) in _IMMUTABLE else copy.deepcopy(default)
        for key, value in data.items():
            out.setdefault(key, value)
        return out

    def build(self, data):
        data = self.fill(data)
        values = {name: None if isinstance(spec, Opt) and data[name] is None
                  else (spec.schema if isinstance(spec, Opt) else spec).build(data[name])
                  for name, spec in self.fields.items()}
        if self.as_map:
            return FrozenMap(values)
        cls = _CLASSES.get(id(self))
        if cls is None:
            raise ValueError(f"no class declared for the record with fields {list(self.fields)}")
        if "source" not in self.fields:
            values["source"] = data.get("source")
        return cls(**values)

    def json_schema(self):
        properties, required = {}, []
        for name, spec in self.fields.items():
            if isinstance(spec, Opt):
                properties[name] = spec.schema.json_schema()
                if spec.default is not None:
                    properties[name]["default"] = spec.default
            else:
                properties[name] = spec.json_schema()
                required.append(name)
        if "source" not in self.fields:
            properties["source"] = {"type": "string", "minLength": 1, "pattern": r"\S",
                                    "description": 'a public source, the paper, or "design assumption"'}
            if self.source:
                required.append("source")
        out = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        if not self.open:
            out["additionalProperties"] = False
        return out


@attrs.frozen
class Ref(Schema):
    """The id of a known thing of one kind (item, area, side, ...), looked up in the ids passed to check."""
    kind: str

    def validate(self, data, path, ids):
        if self.kind not in ids:
            raise ValueError(f"Ref({self.kind!r}) needs the known ids: pass ids={{{self.kind!r}: ...}}")
        known = ids[self.kind]
        if not isinstance(data, str):
            return [Problem(path, f"expected {_article(self.kind)} name, found {describe(data)}")]
        if data in known:
            return []
        if not known:
            return [Problem(path, f"unknown {self.kind} {data!r} (no {self.kind} is defined)")]
        return [Problem(path, f"unknown {self.kind} {data!r}{_hint(data, known, f'known {self.kind} ids')}")]

    def json_schema(self):
        return {"type": "string", "description": f"the id of {_article(self.kind)}"}


@attrs.frozen
class Custom(Schema):
    """A hook for cross-field checks: fn(value, path) -> list[Problem], run once schema (if any) passes."""
    fn: object
    schema: Schema | None = None

    def validate(self, data, path, ids):
        if self.schema is not None:
            out = self.schema.validate(data, path, ids)
            if out:
                return out
        return list(self.fn(data, path))

    def fill(self, data):
        return data if self.schema is None else self.schema.fill(data)

    def build(self, data):
        return data if self.schema is None else self.schema.build(data)

    def json_schema(self):
        return {} if self.schema is None else self.schema.json_schema()


def validate(schema, data, ids=None):
    """All problems of plain data against schema, in the order found."""
    return schema.validate(data, (), ids or {})


def validated(schema, data, ids=None):
    """(validate(schema, data, ids), schema.fill(data)): the problems, and the data with its defaults
    filled when there are none (the data as given when there are some)."""
    problems = validate(schema, data, ids)
    return problems, (data if problems else schema.fill(data))


def check(schema, doc, ids=None):
    """All problems of a Document as RuleErrors, sorted by line."""
    errors = [doc.error(p.path, p.message) for p in validate(schema, doc.data, ids)]
    return sorted(errors, key=lambda e: e.line or 0)


def require(schema, doc, ids=None):
    """The document's data with defaults filled, or RuleErrors listing every problem."""
    errors = check(schema, doc, ids)
    if errors:
        raise RuleErrors(errors)
    return schema.fill(doc.data)


class FrozenMap(Mapping):
    """A read-only mapping in insertion (YAML) order: id -> record in the typed rules."""

    __slots__ = ("_map",)

    def __init__(self, data=()):
        object.__setattr__(self, "_map", types.MappingProxyType(dict(data)))

    def __getitem__(self, key):
        return self._map[key]

    # the read methods go straight to the C mapping (Mapping's generic ones showed in profiles)
    def get(self, key, default=None):
        return self._map.get(key, default)

    def __contains__(self, key):
        return key in self._map

    def keys(self):
        return self._map.keys()

    def values(self):
        return self._map.values()

    def items(self):
        return self._map.items()

    def __iter__(self):
        return iter(self._map)

    def __len__(self):
        return len(self._map)

    def __setattr__(self, name, value):
        raise AttributeError("a FrozenMap cannot be changed")

    def __hash__(self):
        return hash(tuple(self._map.items()))

    def __eq__(self, other):
        return dict(self._map) == dict(other) if isinstance(other, Mapping) else NotImplemented

    def __repr__(self):
        return f"FrozenMap({dict(self._map)!r})"

    def __reduce__(self):
        return (FrozenMap, (dict(self._map),))


_CLASSES = {}  # id(Record) -> its frozen attrs class; the Records live for the whole process


_MARKS = ("ID", "[i]")  # in a record's path: a mapping's key, a list's index (not part of class names)


def _class_name(path):
    return "".join(part.title().replace("_", "") for part in path if part not in _MARKS) or "Root"


def _unwrap(schema):
    while isinstance(schema, (Opt, Custom)):
        schema = schema.schema
    return schema


def _records(schema, path, out):
    """(class name, Record, path) of every Record inside schema that becomes a class, children first."""
    schema = _unwrap(schema)
    if isinstance(schema, ListOf):
        _records(schema.item, path + ("[i]",), out)
    elif isinstance(schema, MapOf):
        _records(schema.value, path + ("ID",), out)
    elif isinstance(schema, Record):
        for key, spec in schema.fields.items():
            _records(spec, path + ("ID",) if schema.as_map else path + (key,), out)
        if schema.as_map or schema.open or any(r is schema for _, r, _ in out):
            return out
        name = schema.name or _class_name(path)
        if any(n == name for n, _, _ in out):
            raise ValueError(f"two rule records are both named {name}: give one a name=")
        for key in schema.fields:
            if not key.isidentifier() or keyword.iskeyword(key):
                raise ValueError(f"{'.'.join(path + (key,))}: a record key must be a Python name")
        out.append((name, schema, path))
    return out


def _field_names(record):
    return list(record.fields) + ([] if "source" in record.fields else ["source"])


def declare_classes(roots, written):
    """Bind every Record inside roots ((path, schema) pairs) to its frozen class in the module
    `written` (generated by record_classes_source), so build() makes instances of it. A class that is
    missing or whose fields differ is an error: regenerate the module."""
    for name, record, path in _records_of(roots):
        cls = getattr(written, name, None)
        if cls is None or [f.name for f in attrs.fields(cls)] != _field_names(record):
            raise ValueError(f"{written.__name__}.{name} does not match the schema of {'.'.join(path)}: "
                             f"regenerate it (see {written.__name__}'s docstring)")
        _CLASSES[id(record)] = cls


def _records_of(roots):
    out = []
    for path, schema in roots:
        _records(schema, path, out)
    return out


def _annotation(schema, names):
    """The Python type of a schema node, as text for the generated module."""
    opt = isinstance(schema, Opt) and schema.default is None
    schema = _unwrap(schema)
    if isinstance(schema, Num):
        text = "int" if schema.integer else "float"
    elif isinstance(schema, Bool):
        text = "bool"
    elif isinstance(schema, Date):
        text = "datetime.date"
    elif isinstance(schema, (Str, Ref)):
        text = "str"
    elif isinstance(schema, ListOf):
        text = f"tuple[{_annotation(schema.item, names)}, ...]"
    elif isinstance(schema, MapOf):
        text = f"Mapping[str, {_annotation(schema.value, names)}]"
    elif isinstance(schema, Record) and schema.as_map:
        values = {_annotation(v, names) for v in schema.fields.values()}
        text = f"Mapping[str, {values.pop() if len(values) == 1 else 'object'}]"
    elif isinstance(schema, Record):
        text = f'"{names[id(schema)]}"'
    else:
        text = "object"
    if opt and text.startswith('"'):  # a record's class named before it is defined: one quoted union
        return f'"{text[1:-1]} | None"'
    return f"{text} | None" if opt else text


def record_classes_source(roots, doc):
    """The Python source of the frozen classes for every Record inside roots: explicit classes, so
    editors complete `rules.money.eu.gdp`, generated so they never drift from the schema.

    Plain classes with __slots__ and written-out methods rather than attrs classes: attrs composes and
    compiles each class's methods when the module is imported (about half a millisecond a class, some 25
    ms for the rules' records at every start of the program), while these are compiled once into the
    module's cached bytecode. They behave as frozen attrs classes do (keyword-only construction, equal
    and hashed by their fields in order, the same repr, refusing changes) and carry __attrs_attrs__, so
    attrs.fields, attrs.evolve and attrs.asdict work on them as before."""
    records = _records_of(roots)
    names = {id(r): n for n, r, _ in records}
    out = [f'"""{doc}"""', "", _RECORDS_PRELUDE.rstrip("\n")]
    for name, record, path in records:
        fields = list(record.fields) + ([] if "source" in record.fields else ["source"])
        given = {key: _annotation(spec, names) for key, spec in record.fields.items()}
        if "source" not in record.fields:
            given["source"] = "str | None"
        defaults = {} if "source" in record.fields else {"source": None}
        args = ", ".join(f"{f}=None" if f in defaults else f for f in fields)
        out += ["", "", "class " + name + "(_Record):", f'    """{".".join(path).replace(".[i]", "[i]")}"""', ""]
        out += _wrapped("    __slots__ = (", [f'"{f}"' for f in fields], ")")
        out.append("")
        out += [f"    {key}: {given[key]}" for key in fields]
        out += [""] + _wrapped("    def __init__(", ["self", "*"] + args.split(", "), "):")
        out += [f'        _set(self, "{f}", {f})' for f in fields]
        out += ["", "", f"_declare({name}, {{{', '.join(f'{k!r}: None' for k in defaults)}}})".replace("'", '"')]
    return "\n".join(out).rstrip("\n") + "\n"


def _wrapped(head, parts, tail, width=110):
    """Source lines of head + parts joined by commas + tail, continued under the opening bracket."""
    lines, line = [], head
    for i, part in enumerate(parts):
        piece = part + ("," if i < len(parts) - 1 else tail)
        if len(line) + len(piece) + 1 > width and line != head:
            lines.append(line.rstrip())
            line = " " * len(head) + piece
        else:
            line += ("" if line == head else " ") + piece
    return lines + [line]


# --- the base of the generated rule records (rule_records.py) -----------------------------------

set_field = object.__setattr__  # how a generated record's __init__ sets a field of a frozen instance


class FrozenRecord:
    """What every generated rule record shares: frozen; equal, hashed and shown by its fields in order;
    picklable. The records are written out (rule_records.py), so importing them builds no class."""

    __slots__ = ()

    def __setattr__(self, name, value):
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name):
        raise attrs.exceptions.FrozenInstanceError()

    def _values(self):
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self):
        return hash((self.__class__.__qualname__,) + self._values())

    def __repr__(self):
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self):
        return _rebuild, (self.__class__, self._values())


def _rebuild(cls, values):
    return cls(**dict(zip(cls.__slots__, values)))


def declare_fields(cls, defaults):
    """Describe a record class's fields as attrs describes its own classes' (for attrs.fields, evolve,
    asdict)."""
    cls.__attrs_attrs__ = tuple(
        attrs.Attribute(name=name, default=defaults.get(name, attrs.NOTHING), validator=None, repr=True,
                        cmp=None, hash=None, init=True, inherited=False, kw_only=True, eq=True, order=False,
                        alias=name, type=cls.__annotations__.get(name))
        for name in cls.__slots__)
    return cls


_RECORDS_PRELUDE = """import datetime  # noqa: F401 (used by date fields, if any)
from collections.abc import Mapping

from wargame.schema import FrozenRecord as _Record, declare_fields as _declare, set_field as _set"""
