"""Safe, line-aware YAML loading: plain python data plus the line of every key path.

Nothing is ever constructed from a YAML tag: the text is only composed into nodes
(yaml.compose with yaml.SafeLoader) and the nodes are turned into plain python here.
Explicit tags are allowed only when they name a standard scalar or collection type
(!!str, !!int, !!float, !!bool, !!null, !!timestamp, !!map, !!seq); any other tag is
an error. Scalars follow SafeConstructor's rules (YAML 1.1: yes/no are booleans,
2025-03-01 is a date). Mapping keys must be strings or whole numbers.
Merge keys (`<<:`) are rejected with a message asking to write the keys out in full.
Every problem is raised as a one-line RuleError carrying the file and, when known, the line.
"""

import attrs
import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from wargame.errors import RuleError

MAX_NODES = 100_000
MAX_DEPTH = 100

_STD = "tag:yaml.org,2002:"
_SCALAR_NAMES = {
    _STD + "null": "an empty value",
    _STD + "bool": "true or false",
    _STD + "int": "a whole number",
    _STD + "float": "a number",
    _STD + "str": "text",
    _STD + "timestamp": "a date",
}
_MAP, _SEQ = _STD + "map", _STD + "seq"
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
            raw = f.read()
    except OSError as e:
        raise RuleError(name, None, "", f"cannot read: {e.strerror or e}") from None
    return load_yaml_text(raw, name)


def load_yaml_text(text, name, *, max_nodes=MAX_NODES):
    """Load YAML from str or bytes; name is used in messages. Every problem is a RuleError."""
    text = _decode(text, name)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise RuleError(name, None, "", "file is empty")
    root = _compose(text, name)
    if root is None or (isinstance(root, ScalarNode) and root.tag == _STD + "null" and root.value == ""):
        raise RuleError(name, None, "", "file is empty")
    converter = _Converter(name, max_nodes)
    data = converter.convert(root, (), 0)
    return Document(name, data, converter.locs)


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
    elif not isinstance(text, str):
        raise TypeError(f"load_yaml_text needs str or bytes, not {type(text).__name__}")
    if "\0" in text:
        raise RuleError(name, None, "", "binary file, expected YAML text")
    return text.removeprefix("\ufeff")


def _compose(text, name):
    """Parse text into a node graph (no objects are built), turning parser errors into RuleErrors."""
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
    """Turns a composed node graph into plain python, counting nodes and recording lines."""

    def __init__(self, name, max_nodes):
        self.name = name
        self.max_nodes = max_nodes
        self.count = 0
        self.locs = {(): 1}
        self.open = set()  # ids of collections being converted: guards against recursive anchors
        self.constructor = SafeConstructor()

    def fail(self, node, path, message):
        return RuleError(self.name, node.start_mark.line + 1, format_path(path), message)

    def visit(self, node, path, depth):
        self.count += 1
        if self.count > self.max_nodes:
            raise self.fail(node, path, "too many nodes: anchors/aliases expand too far")
        if depth > MAX_DEPTH:
            raise self.fail(node, (), f"nesting too deep (more than {MAX_DEPTH} levels)")

    def convert(self, node, path, depth):
        self.visit(node, path, depth)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        kind, tag = ("mapping", _MAP) if isinstance(node, MappingNode) else ("list", _SEQ)
        if node.tag != tag:
            raise self.tag_error(node, path, kind)
        if id(node) in self.open:
            raise self.fail(node, path, "an alias refers to the collection that contains it (recursive anchor)")
        self.open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self.sequence(node, path, depth)
            return self.mapping(node, path, depth)
        finally:
            self.open.discard(id(node))

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
        if node.tag in _PLAIN_TEXT_TAGS:
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
