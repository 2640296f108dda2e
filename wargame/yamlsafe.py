"""Safe, line-aware YAML loading: plain python data plus the line of every key path.

Nothing is ever constructed from a YAML tag: the text is only composed into nodes
(yaml.compose, with libyaml's C parser where PyYAML has it, else the pure-Python SafeLoader) and
the nodes are turned into plain python here. Both parsers give the same nodes and line marks; when
the C parser finds a problem, the text is composed again by the pure-Python parser so that every
message reads the same whichever parser is installed.
Explicit tags are allowed only when they name a standard scalar or collection type
(!!str, !!int, !!float, !!bool, !!null, !!timestamp, !!map, !!seq); any other tag is
an error. Scalars follow SafeConstructor's rules (YAML 1.1: yes/no are booleans,
2025-03-01 is a date). Mapping keys must be strings or whole numbers.
Merge keys (`<<:`) are rejected with a message asking to write the keys out in full.
Every problem is raised as a one-line RuleError carrying the file and, when known, the line.
Files above MAX_BYTES are refused before they are read; anchors and aliases may add at most
MAX_NODES nodes to the document (an "alias bomb" is refused, a large plain file is not).

Loaded documents are kept in a small in-process cache keyed by the file's name and the sha256 of its
text, so loading the same rules again costs a hash and a copy; each caller gets its own copy.
"""

import functools
import hashlib
import inspect
import os
import pickle
import re
import threading
from collections import OrderedDict

import attrs
import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from wargame.errors import RuleError

MAX_NODES = 100_000  # nodes that aliases may add by repeating an anchored collection
MAX_DEPTH = 100
MAX_BYTES = 10_000_000  # far above any rules, scenario, orders or injects file a person writes


def _c_loader():
    """libyaml's loader (yaml.CSafeLoader) if PyYAML was built with a libyaml we can trust, else None.

    libyaml 0.2.6 refuses nesting deeper than 1000 levels; older versions have no limit, and the C
    composer recurses without Python's recursion guard, so they could overflow the C stack."""
    if not getattr(yaml, "__with_libyaml__", False) or getattr(yaml, "CSafeLoader", None) is None:
        return None
    try:
        from yaml import _yaml
        version = tuple(_yaml.get_version())
    except Exception:
        return None
    return yaml.CSafeLoader if version >= (0, 2, 6) else None


_C_LOADER = _c_loader()
PARSERS = ("c", "python") if _C_LOADER is not None else ("python",)
PARSER = PARSERS[0]  # the default; tests set it to run both

# Text where libyaml accepts what the pure-Python parser refuses, or reads it differently (found by
# fuzzing both, see tests/test_yaml_parsers.py): tabs, a byte order mark or a Unicode line break
# inside the text, a tag (a '!' where a token starts), a block scalar header followed by '#' without
# a space, a '?' in a text that has flow collections ({a?b: 1} is a syntax error for PyYAML only)
# unless every '?' is inside a quoted scalar (where both read it as text; checked on libyaml's nodes).
# Such a file is composed by the pure-Python parser, so it means the same wherever it is loaded.
_TAG_START = re.compile(r"(?:^|[\s\[{,])!")
_HEADER_THEN_HASH = re.compile(r"[|>][-+0-9]*#")


def _libyaml_differs(text):
    if "\t" in text or "\ufeff" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True
    if "!" in text and _TAG_START.search(text):
        return True
    return ("|" in text or ">" in text) and _HEADER_THEN_HASH.search(text) is not None


def _question_mark_differs(text, node):
    """True if text has a '?' and flow collections and some '?' is not inside a quoted scalar of the
    node graph libyaml composed (a comment's or a plain scalar's '?' counts: the pure-Python parser
    composes such a text). Marks count characters, as str indices do."""
    if "?" not in text or ("{" not in text and "[" not in text):
        return False
    spans, seen, todo = [], set(), [node]
    while todo:  # iterative, and each node once: deep nesting and aliases cost nothing extra
        n = todo.pop()
        if n is None or id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            if n.style in ("'", '"') and "?" in n.value:
                spans.append((n.start_mark.index, n.end_mark.index))
        elif isinstance(n, yaml.SequenceNode):
            todo.extend(n.value)
        else:
            for key, value in n.value:
                todo.append(key)
                todo.append(value)
    spans.sort()
    at = text.find("?")
    for start, end in spans:
        if at < start:
            return True
        while start <= at < end:
            at = text.find("?", at + 1)
            if at < 0:
                return False
    return at >= 0

_STD = "tag:yaml.org,2002:"
_SCALAR_NAMES = {
    _STD + "null": "an empty value",
    _STD + "bool": "true or false",
    _STD + "int": "a whole number",
    _STD + "float": "a number",
    _STD + "str": "text",
    _STD + "timestamp": "a date",
}
_MAP, _SEQ, _STR = _STD + "map", _STD + "seq", _STD + "str"
_PLAIN_TEXT_TAGS = {_STD + "value", _STD + "merge"}  # a bare '=' or '<<' as a value is just text


def format_path(path):
    """Write a key path tuple the way messages show it: steps[0].area."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@attrs.frozen
class Document:
    """A loaded YAML file: its name, its plain data, and the line of each key path."""

    name: str
    data: object
    locs: dict

    def line_of(self, path):
        """The line of path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.locs:
            if not path:
                return None
            path = path[:-1]
        return self.locs[path]

    def error(self, path, message):
        """A RuleError pointing at path in this document."""
        return RuleError(self.name, self.line_of(path), format_path(path), message)


def load_yaml_file(path):
    """Read and load one YAML file; every problem is a RuleError."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                raise _too_large(name, size)
            raw = f.read(MAX_BYTES + 1)  # a file that grows while being read is caught below
    except OSError as e:
        raise RuleError(name, None, "", f"cannot read: {e.strerror or e}") from None
    return load_yaml_text(raw, name)


def load_yaml_text(text, name, *, max_nodes=MAX_NODES, parser=None):
    """Load YAML from str or bytes; name is used in messages. Every problem is a RuleError.

    parser: "c" (libyaml) or "python"; None picks the C parser when PyYAML has it."""
    parser = parser or PARSER
    if parser not in PARSERS:
        raise ValueError(f"parser must be one of {PARSERS}, not {parser!r}")
    if isinstance(text, str):
        size = len(text) if len(text) * 4 <= MAX_BYTES else len(text.encode("utf-8", "surrogatepass"))
    elif isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text)
        size = len(text)
    else:
        raise TypeError(f"load_yaml_text needs str or bytes, not {type(text).__name__}")
    if size > MAX_BYTES:
        raise _too_large(name, size)
    return _CACHE.get_or_load(text, name, max_nodes, parser)


def _too_large(name, size):
    return RuleError(name, None, "", f"file too large: {_megabytes(size)}, the limit is {_megabytes(MAX_BYTES)}")


def _megabytes(size):
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _load(text, name, max_nodes, parser):
    """Decode, compose and convert one text: a Document."""
    text = _decode(text, name)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise RuleError(name, None, "", "file is empty")
    root = _compose(text, name, parser)
    if root is None or (isinstance(root, ScalarNode) and root.tag == _STD + "null" and root.value == ""):
        raise RuleError(name, None, "", "file is empty")
    converter = _Converter(name, max_nodes)
    data = converter.convert(root, (), 0)
    return Document(name, data, converter.locs)


class _DocumentCache:
    """Documents already loaded in this process, by (name, sha256 of the text, limits, parser).

    A hit returns a fresh copy (unpickled), so a caller that changes its data changes nothing else.
    Errors are not kept: a broken file is read again and reports again. At most `size` documents
    and `budget` bytes of them are kept, the least recently used going first."""

    def __init__(self, size=128, budget=32_000_000):
        self.size, self.budget, self.used = size, budget, 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get_or_load(self, text, name, max_nodes, parser):
        raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        key = (name, hashlib.sha256(raw).hexdigest(), type(text), max_nodes, parser)
        with self.lock:
            frozen = self.entries.get(key)
            if frozen is not None:
                self.entries.move_to_end(key)
        if frozen is not None:
            data, locs = pickle.loads(frozen)
            return Document(name, data, locs)
        doc = _load(text, name, max_nodes, parser)
        frozen = pickle.dumps((doc.data, doc.locs), protocol=pickle.HIGHEST_PROTOCOL)
        if len(frozen) <= self.budget // 4:
            with self.lock:
                if key not in self.entries:
                    self.entries[key] = frozen
                    self.used += len(frozen)
                while len(self.entries) > self.size or self.used > self.budget:
                    self.used -= len(self.entries.popitem(last=False)[1])
        return doc  # the cache keeps only the pickled snapshot, never this object

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.used = 0


_CACHE = _DocumentCache()


def cached_by_files(list_files, size=16):
    """Decorator for a loader of a folder of files (the rules): keep its result by its arguments and
    the sha256 of every file's name and bytes, and hand each caller an unpickled copy of it.

    list_files(*args) gives the files the loader reads; if that fails, or a file cannot be read, the
    loader runs uncached and reports the problem itself. Errors are not kept, nor a result whose
    files changed while it loaded. The result must pickle (attrs classes, dicts, tuples do)."""

    def decorate(load):
        signature = inspect.signature(load)
        entries, lock = OrderedDict(), threading.Lock()
        _FOLDER_CACHES.append((entries, lock))

        def files_hash(bound):
            h = hashlib.sha256()
            for path in list_files(*bound.args, **bound.kwargs):
                with open(path, "rb") as f:
                    raw = f.read()
                h.update(str(path).encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(raw).digest())
            return h.hexdigest()

        @functools.wraps(load)
        def cached(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            try:
                key = (tuple(repr(v) for v in bound.arguments.values()), files_hash(bound))
            except Exception:  # the loader says what is wrong, with file and line
                return load(*bound.args, **bound.kwargs)
            with lock:
                frozen = entries.get(key)
                if frozen is not None:
                    entries.move_to_end(key)
            if frozen is not None:
                return pickle.loads(frozen)
            result = load(*bound.args, **bound.kwargs)
            try:
                unchanged = files_hash(bound) == key[1]
            except Exception:
                unchanged = False
            if unchanged:
                frozen = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                with lock:
                    entries[key] = frozen
                    while len(entries) > size:
                        entries.popitem(last=False)
            return result  # the cache keeps only the pickled snapshot, never this object

        return cached

    return decorate


_FOLDER_CACHES = []  # (entries, lock) of every cached_by_files loader


def clear_cache():
    """Forget every document and folder loaded so far (tests use it to parse afresh)."""
    _CACHE.clear()
    for entries, lock in _FOLDER_CACHES:
        with lock:
            entries.clear()


def _decode(text, name):
    """Turn bytes into text, refusing binary and non-UTF-8 content."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if b"\0" in raw:
            raise RuleError(name, None, "", "binary file, expected YAML text")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            raise RuleError(name, line, "", f"not UTF-8 text: byte 0x{raw[e.start]:02x} at offset {e.start}") from None
    if "\0" in text:
        raise RuleError(name, None, "", "binary file, expected YAML text")
    return text.removeprefix("\ufeff")


def _compose(text, name, parser):
    """Parse text into a node graph (no objects are built), turning parser errors into RuleErrors."""
    if parser == "c" and not _libyaml_differs(text):
        try:
            node = yaml.compose(text, Loader=_C_LOADER)
        except Exception:  # compose again below: the pure-Python parser words every message
            node = None
        else:
            if not _question_mark_differs(text, node):
                return node
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        char = e.character if isinstance(e.character, int) else ord(e.character)
        raise RuleError(name, line, "", f"character U+{char:04X} is not allowed in YAML text") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = ", ".join(part for part in (e.context, e.problem) if part)
        raise RuleError(name, mark.line + 1 if mark else None, "", f"YAML syntax error: {what}") from None
    except RecursionError:
        raise RuleError(name, None, "", "nesting too deep") from None
    except Exception as e:  # the parser is third-party code: no input may escape as a traceback
        raise RuleError(name, None, "", f"cannot read YAML: {e}") from None


def _show_tag(tag):
    """A tag as the author wrote it: !!python/... for the standard prefix, else as is."""
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


class _Converter:
    """Turns a composed node graph into plain python, counting the nodes aliases add and recording lines.

    An alias shares its anchor's node, so a collection met a second time is an alias: the nodes it
    adds (its size, counted when it was first converted) go to the budget before it is converted again.
    That stops an alias bomb after about max_nodes nodes of work, whatever the file's own size."""

    def __init__(self, name, max_nodes):
        self.name = name
        self.max_nodes = max_nodes
        self.count = 0  # nodes converted, aliases included
        self.added = 0  # nodes added by aliases
        self.sizes = {}  # id of a converted collection node -> nodes in it (lookups only, never ordered)
        self.in_alias = 0  # >0 while converting an alias's copy: its inner aliases are counted already
        self.locs = {(): 1}
        self.open = set()  # ids of collections being converted: guards against recursive anchors
        self.constructor = SafeConstructor()

    def fail(self, node, path, message):
        return RuleError(self.name, node.start_mark.line + 1, format_path(path), message)

    def visit(self, node, path, depth):
        self.count += 1
        if depth > MAX_DEPTH:
            raise self.fail(node, (), f"nesting too deep (more than {MAX_DEPTH} levels)")

    def convert(self, node, path, depth):
        self.visit(node, path, depth)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        kind, tag = ("mapping", _MAP) if isinstance(node, MappingNode) else ("list", _SEQ)
        if node.tag != tag:
            raise self.tag_error(node, path, kind)
        key = id(node)
        if key in self.open:
            raise self.fail(node, path, "an alias refers to the collection that contains it (recursive anchor)")
        size = self.sizes.get(key)
        if size is not None and not self.in_alias:
            self.added += size
            if self.added > self.max_nodes:
                raise self.fail(node, path, "too many nodes: anchors/aliases expand too far")
        self.open.add(key)
        self.in_alias += size is not None
        before = self.count
        try:
            if isinstance(node, SequenceNode):
                return self.sequence(node, path, depth)
            return self.mapping(node, path, depth)
        finally:
            self.open.discard(key)
            self.in_alias -= size is not None
            self.sizes[key] = self.count - before + 1

    def sequence(self, node, path, depth):
        out = []
        for i, item in enumerate(node.value):
            self.locs[path + (i,)] = item.start_mark.line + 1
            out.append(self.convert(item, path + (i,), depth + 1))
        return out

    def mapping(self, node, path, depth):
        out = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path, depth)
            key_path = path + (key,)
            if key in out:
                shown = repr(key) if isinstance(key, str) else str(key)
                first = self.locs.get(key_path)
                raise self.fail(key_node, key_path, f"duplicate key {shown} (first at line {first})")
            self.locs[key_path] = key_node.start_mark.line + 1
            out[key] = self.convert(value_node, key_path, depth + 1)
        return out

    def key(self, node, path, depth):
        self.visit(node, path, depth + 1)
        if not isinstance(node, ScalarNode):
            found = "a mapping" if isinstance(node, MappingNode) else "a list"
            raise self.fail(node, path, f"keys must be plain names, found {found} used as a key")
        if node.tag == _STD + "merge":
            raise self.fail(node, path, "merge keys (<<) are not supported: write the keys out in full")
        key = self.scalar(node, path)
        if isinstance(key, str) or (isinstance(key, int) and not isinstance(key, bool)):
            return key
        if node.value == "":
            raise self.fail(node, path, "empty key: every entry needs a name before the ':'")
        read_as = _SCALAR_NAMES.get(node.tag, "something else")
        raise self.fail(node, path, f"key {node.value!r} is read as {read_as}, not a name: put it in quotes")

    def scalar(self, node, path):
        if node.tag == _STR or node.tag in _PLAIN_TEXT_TAGS:  # text is node.value, as SafeConstructor gives it
            return node.value
        if node.tag not in _SCALAR_NAMES:
            raise self.tag_error(node, path, "value")
        try:
            return SafeConstructor.yaml_constructors[node.tag](self.constructor, node)
        except Exception:  # odd values such as `!!int abc` or 2025-02-30 fail in many ways
            raise self.fail(node, path, f"cannot read {node.value!r} as {_SCALAR_NAMES[node.tag]}") from None

    def tag_error(self, node, path, kind):
        tag = node.tag
        if tag in _SCALAR_NAMES or tag in (_MAP, _SEQ):
            return self.fail(node, path, f"the tag {_show_tag(tag)} cannot be used on a {kind}")
        return self.fail(node, path, f"YAML tags are not allowed, found {_show_tag(tag)}")
