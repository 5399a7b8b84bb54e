"""What ``workloads.fields`` generates: the typed models, the resource classes and the argument docs.

``python -m pulumi_tione.workloads.fields --write`` (from a source checkout) writes

- ``workloads/_generated.py``: a pydantic model per struct (class ``Struct.model_name``, carrying
  ``api_struct``) and per workload kind (``<Kind>Spec``), each field typed, constrained
  (``enum`` -> ``Literal``, ``minimum``/``maximum``/``exclusive_minimum``, ``min_length``/
  ``max_length`` of a string or of each string in a list, ``min_items``/``max_items``), aliased to
  its API member and described, secret scalars with ``repr=False``;
- ``stack/workload_resources.py``: the ``Notebook``/``TrainingTask`` ``pulumi.dynamic.Resource``
  classes with one typed keyword argument per ``Member.argument``;
- ``docs/arguments.md``: the argument tables (``markdown()``).

Generated source is committed (mypy and readers see plain classes, as in Pulumi's own generated
SDKs); ``tests/lib/test_workload_fields.py`` fails when a committed file is not what this module
generates now. Nothing here is imported at run time.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from .fields import KINDS, NOT_ARGUMENTS, STRUCTS, Member, Struct, WorkloadFields, replace_prose

__all__ = ["GENERATED", "main", "markdown", "models_source", "resources_source", "walk"]

_PACKAGE = Path(__file__).resolve().parents[1]
GENERATED = {
    "models": _PACKAGE / "workloads" / "_generated.py",
    "resources": _PACKAGE / "stack" / "workload_resources.py",
    "docs": _PACKAGE.parents[1] / "docs" / "arguments.md",
}
"""Where ``--write`` puts each generated file (the docs only exist in a source checkout)."""

_HEADER = ('"""{title}\n\nGenerated from ``workloads/fields.py`` by '
           "``python -m pulumi_tione.workloads.fields --write``: do not edit.\n{body}\"\"\"\n")


def walk(struct: str) -> Iterator[Struct]:
    """``struct`` and every struct it nests, each once."""
    seen: list[str] = []
    todo = [struct]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.append(name)
        s = STRUCTS[name]
        yield s
        todo += [m.struct for m in s.members if m.struct]


def _ordered_structs() -> list[Struct]:
    """Every struct, nested ones before the structs that hold them (the table order otherwise)."""
    done: list[str] = []

    def visit(name: str) -> None:
        if name in done:
            return
        for m in STRUCTS[name].members:
            if m.struct:
                visit(m.struct)
        done.append(name)

    for name in STRUCTS:
        visit(name)
    return [STRUCTS[n] for n in done]


# -- models ----------------------------------------------------------------------------------

def _constraints(m: Member, *names: str) -> str:
    words = {"minimum": "ge", "maximum": "le", "exclusive_minimum": "gt", "min_length": "min_length",
             "max_length": "max_length", "min_items": "min_length", "max_items": "max_length"}
    parts = [f"{words[n]}={getattr(m, n)!r}" for n in names if getattr(m, n) is not None]
    return ", ".join(parts)


def _scalar(m: Member, base: str) -> str:
    if m.enum:
        return "Literal[" + ", ".join(_lit(v, 0) for v in m.enum) + "]"
    if base == "string":
        bounds = _constraints(m, "min_length", "max_length")
        if bounds == "min_length=1":
            return "Text"
        return f"Annotated[str, Field({bounds})]" if bounds else "str"
    if base in ("integer", "number"):
        bounds = _constraints(m, "exclusive_minimum", "minimum", "maximum")
        kind = "Int" if base == "integer" else "float"
        return f"Annotated[{kind}, Field({bounds})]" if bounds else kind
    if base == "boolean":
        return "bool"
    if base == "{string}":
        return "dict[str, str]"
    if base == "Image":
        return "ImageRef"
    return STRUCTS[base].model_name


def _annotation(m: Member) -> str:
    if not m.is_list:
        return _scalar(m, m.type)
    inner = _scalar(m, m.type[1:-1])
    bounds = _constraints(m, "min_items", "max_items")
    return f"Annotated[list[{inner}], Field({bounds})]" if bounds else f"list[{inner}]"


def _lit(value: object, indent: int) -> str:
    """``value`` as Python source (double-quoted strings, split to fit 110 columns at ``indent``)."""
    if not isinstance(value, str):
        return repr(value)
    text = json.dumps(value, ensure_ascii=False)
    if indent + len(text) <= 100:
        return text
    chunks, line = [], ""
    for word in value.split(" "):
        if line and len(line) + len(word) > 80:
            chunks.append(line)
            line = ""
        line += word + " "
    chunks.append(line[:-1])
    pad = " " * (indent + 4)
    inner = "\n".join(pad + json.dumps(c, ensure_ascii=False) for c in chunks)
    return "(\n" + inner + "\n" + " " * indent + ")"


def _field(m: Member) -> str:
    annotation = _annotation(m)
    args = []
    if m.default is not None:
        args.append(("default", m.default))
    elif not m.required:
        annotation += " | None"
        args.append(("default", None))
    args.append(("serialization_alias", m.api or m.name))
    if m.secret and not m.struct and not m.is_list and m.type != "Image":
        args.append(("repr", False))
    args.append(("description", m.description))
    line = f"    {m.name}: {annotation} = Field({', '.join(f'{k}={_lit(v, 0)}' for k, v in args)})"
    if len(line) <= 110 and "\n" not in line:
        return line
    inner = "".join(f"        {k}={_lit(v, 8)},\n" for k, v in args)
    head = f"    {m.name}: {annotation} = Field("
    if len(head) > 110:
        head = f"    {m.name}: (\n        {annotation}\n    ) = Field("
    return f"{head}\n{inner}    )"


def _doc(text: str) -> str:
    lines = textwrap.wrap('"""' + _rst(text) + '"""', 106, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines) if len(lines) == 1 else "\n".join([*lines[:-1], lines[-1][:-3], '    """'])


def models_source() -> str:
    """``workloads/_generated.py``."""
    out = [_HEADER.format(title="The pydantic models of every workload struct and kind in "
                                "``workloads.fields``.", body=""),
           "from __future__ import annotations", "",
           "from typing import Annotated, ClassVar, Literal", "",
           "from pydantic import Field", "",
           "from ._model_base import ApiModel, Int, Text, WorkloadSpec", "",
           "__all__ = ["]
    names = [s.model_name for s in _ordered_structs()] + [f"{k}Spec" for k in KINDS] + ["ImageRef"]
    out += [f"    {_lit(n, 4)}," for n in sorted(names)] + ["]", ""]
    for s in _ordered_structs():
        out += ["", f"class {s.model_name}(ApiModel):", _doc(s.description), "",
                f"    api_struct: ClassVar[str] = {_lit(s.name, 4)}", ""]
        out += [_field(m) for m in s.members] + [""]
    out += ["", "ImageRef = Annotated[PlatformImageRef | CustomImage, Field(discriminator=\"kind\")]",
            '"""A workload\'s ``image`` (type ``Image``): a platform image or a custom one, by ``kind``."""',
            ""]
    for fields in KINDS.values():
        out += ["", f"class {fields.kind}Spec(WorkloadSpec):",
                _doc(f"The arguments of {', '.join(f'`{a}`' for a in fields.actions)}, checked."), "",
                f"    workload_kind: ClassVar[str] = {_lit(fields.kind, 4)}", ""]
        out += [_field(m) for m in fields.members] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- resource classes ------------------------------------------------------------------------

_INPUTS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
           "{string}": "Mapping[str, str]"}


def _input(m: Member) -> str:
    if m.type == "Image":
        return "ImageInput"
    base = m.type.strip("[]")
    inner = "Mapping[str, Any]" if base in STRUCTS else _INPUTS[base]
    return f"pulumi.Input[Sequence[{inner}]]" if m.is_list else f"pulumi.Input[{inner}]"


def _rst(text: str) -> str:
    """Markdown code spans (`x`) as reStructuredText literals (``x``)."""
    return text.replace("``", "`").replace("`", "``")


def _class_doc(fields: WorkloadFields) -> list[str]:
    actions = "/".join(f"``{a}``" for a in fields.actions)
    own = [m for m in fields.members if not m.sent and m.argument and m.default is not None]
    prose = (f"Arguments are those of {actions} in snake_case (each documented in "
             "``docs/arguments.md``, generated from ``workloads.fields``). "
             + replace_prose(fields, quote="``{}``"))
    lines = [f'    """{_rst(fields.summary)}', ""]
    lines += textwrap.wrap(prose, 106, initial_indent="    ", subsequent_indent="    ")
    for m in own:
        lines += textwrap.wrap(f"``{m.name}`` (default ``{m.default!r}``): {_rst(m.description)}", 106,
                               initial_indent="    ", subsequent_indent="    ")
    lines += ["    ``timeouts={\"create\": s, \"update\": s, \"delete\": s}`` bounds the waits (seconds).",
              '    """']
    return lines


_EXTRA_OUTPUTS = {"ModelService": (
    "service_id: pulumi.Output[str]", "group_id: pulumi.Output[str]", "version: pulumi.Output[str]",
    "call_info: pulumi.Output[dict[str, str]]", "auth_token: pulumi.Output[str]",
    "app_key: pulumi.Output[str]", "app_secret: pulumi.Output[str]")}
"""Outputs a kind has beyond the status outputs every workload has (``core.workload_state``)."""


def resources_source() -> str:
    """``stack/workload_resources.py``."""
    kinds = ", ".join(f"``{k}``" for k in KINDS)
    out = [_HEADER.format(title=f"The workload resource classes ({kinds}):\none keyword argument per defined "
                                "argument.",
                          body="\nThe work is ``stack.workload_inputs``' (image and secret handling, props, "
                               "options).\n"),
           "from collections.abc import Mapping, Sequence",
           "from typing import Any", "",
           "import pulumi",
           "from pulumi.dynamic import Resource", "",
           "from pulumi_tione.workloads import fields", "",
           "from .resource_support import arguments, pickler_guard",
           "from .workload_inputs import ImageInput, workload_inputs",
           "from .workload_provider import " + ", ".join(f"{k}Provider" for k in sorted(KINDS)), "",
           "__all__ = [" + ", ".join(_lit(k, 0) for k in sorted(KINDS)) + "]", ""]
    for fields in KINDS.values():
        out += ["", f'class {fields.kind}(Resource, module="tione", name="{fields.kind}"):']
        out += [*_class_doc(fields), ""]
        out += ["    name: pulumi.Output[str]", "    region: pulumi.Output[str]",
                "    status: pulumi.Output[str]", "    failure_reason: pulumi.Output[str]",
                "    reported_image: pulumi.Output[dict[str, str]]",
                *(f"    {line}" for line in _EXTRA_OUTPUTS.get(fields.kind, ())), "",
                "    def __init__(", "        self,", "        resource_name: str,", "        *,"]
        params = [m for m in fields.members if m.argument]
        for m in sorted(params, key=lambda m: not m.required):
            default = "" if m.required else " | None = None"
            out.append(f"        {m.name}: {_input(m)}{default},")
        out += ["        opts: pulumi.ResourceOptions | None = None,", "    ) -> None:",
                f"        props, options = workload_inputs(fields.KINDS[{_lit(fields.kind, 0)}],",
                "                                         resource_name, arguments(locals()), opts)",
                "        with pickler_guard():",
                f"            super().__init__({fields.kind}Provider(), resource_name, props, options)", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- docs/arguments.md -----------------------------------------------------------------------

def _type(member: Member) -> str:
    base = member.type.strip("[]")
    if member.type == "Image":
        return "`PlatformImage` \\| [CustomImage](#customimage)"
    text = f"[{base}](#{base.lower()})" if base in STRUCTS else base
    if member.type == "{string}":
        text = "map of string"
    if member.enum:
        text += ": " + " \\| ".join(f"`{v}`" for v in member.enum)
    return f"list of {text}" if member.is_list else text


def _bounds(member: Member) -> list[str]:
    out = []
    each = "each " if member.is_list else ""
    if member.min_length == 1:
        out.append(f"{each}not empty")
    elif member.min_length is not None:
        out.append(f"{each}at least {member.min_length} characters")
    if member.max_length is not None:
        out.append(f"{each}at most {member.max_length} characters")
    for name, op in (("minimum", ">="), ("exclusive_minimum", ">"), ("maximum", "<=")):
        if getattr(member, name) is not None:
            out.append(f"{op} {getattr(member, name):g}")
    if member.min_items is not None:
        out.append(f"at least {member.min_items} items")
    if member.max_items is not None:
        out.append(f"at most {member.max_items} items")
    return out


def _row(member: Member, kind: str | None) -> str:
    flags = []
    if member.required:
        flags.append("required")
    if member.default is not None:
        default = str(member.default).lower() if isinstance(member.default, bool) else member.default
        flags.append(f"default `{default}`" if default != "" else 'default `""`')
    if member.secret:
        flags.append("secret")
    flags += _bounds(member)
    if kind is not None:
        if not member.sent:
            flags.append("not sent")
        if member.replaces == "always":
            flags.append("replaces")
        elif member.replaces == "shrink":
            flags.append("replaces when smaller")
    api = f"`{member.api}`" if member.api else "—"
    return (f"| `{member.name}` | {api} | {_type(member)} | {', '.join(flags)} | "
            f"{member.description} |")


def markdown() -> str:
    """``docs/arguments.md``: the argument tables of every kind and their structs."""
    head = "| argument | API member | type | flags | description |\n|---|---|---|---|---|"
    title = " and ".join(", ".join(KINDS).rsplit(", ", 1))
    out = [f"# {title} arguments", "",
           "Generated from `provider/pulumi_tione/workloads/fields.py` by "
           "`python -m pulumi_tione.workloads.fields --write`; a test keeps it current.", "",
           "*not sent*: the provider's own setting; *replaces*: a change creates a new object.", ""]
    structs: list[str] = []
    for fields in KINDS.values():
        out += [f"## {fields.kind}", "", replace_prose(fields), "", head]
        out += [_row(m, fields.kind) for m in fields.members]
        out.append("")
        for m in fields.members:
            for s in walk(m.struct) if m.struct else ():
                if s.name not in structs:
                    structs.append(s.name)
            if m.type == "Image":
                structs += [s.name for s in walk("CustomImage") if s.name not in structs]
    out += ["## Structs", ""]
    for name in structs:
        s = STRUCTS[name]
        out += [f"### {name}", "", s.description, "", head.replace("argument", "member")]
        out += [_row(m, None) for m in s.members]
        out.append("")
    out += ["## API members that are not arguments", "", "| member | why |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in NOT_ARGUMENTS.items()]
    return "\n".join(out) + "\n"


def generated() -> dict[str, str]:
    """Each generated file's text, keyed like ``GENERATED``."""
    return {"models": models_source(), "resources": resources_source(), "docs": markdown()}


def main(argv: list[str]) -> int:
    """No argument: print ``docs/arguments.md``; ``--write``: write every generated file;
    ``--check``: exit 1 naming each stale file."""
    if not argv:
        print(markdown(), end="")
        return 0
    stale = [key for key, text in generated().items()
             if not GENERATED[key].exists() or GENERATED[key].read_text(encoding="utf-8") != text]
    if argv == ["--check"]:
        for key in stale:
            print(f"stale: {GENERATED[key]}", file=sys.stderr)
        return 1 if stale else 0
    if argv == ["--write"]:
        for key, text in generated().items():
            if key in stale:
                GENERATED[key].write_text(text, encoding="utf-8")
                print(f"wrote {GENERATED[key]}")
        return 0
    print("usage: python -m pulumi_tione.workloads.fields [--write | --check]", file=sys.stderr)
    return 2
