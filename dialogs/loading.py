"""Reading flow files: YAML in, a `Flow` or a list of problems out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from dialogs.model import Flow
from dialogs.validation import Problem, validate

# Each shipped flow is a folder of versions, `flows/<id>/v<version>.yaml`: an update adds a file,
# so a dialog started on an older version can finish on it.
SHIPPED_FLOWS = Path(__file__).parent / "flows"
DEFAULT_FLOW_ID = "hm-gov-2024"


class FlowError(Exception):
    """A flow that cannot be used; `problems` says where and why."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        listed = "; ".join(str(problem) for problem in problems[:5])
        super().__init__(f"{source}: {len(problems)} problem(s): {listed}")


@dataclass(frozen=True)
class CheckedFlow:
    source: str
    flow: Flow | None
    problems: list[Problem]


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML silently keeps the last of two equal keys; in a flow that would lose a node."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, line: int) -> None:
        self.key = key
        self.line = line
        super().__init__(f"{key!r} appears twice (line {line})")


def check_file(path: Path) -> CheckedFlow:
    """Parse and validate one flow file, collecting every problem found."""
    source = str(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except DuplicateKey as error:
        return CheckedFlow(source, None, [_duplicate_problem(path, error)])
    except OSError as error:
        return CheckedFlow(
            source, None, [Problem(None, f"cannot read the file ({error.strerror})")]
        )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return CheckedFlow(source, None, [Problem(None, f"not valid YAML{where}")])
    if not isinstance(raw, dict):
        return CheckedFlow(source, None, [Problem(None, "a flow file must be a YAML mapping")])
    try:
        flow = Flow.model_validate(raw)
    except ValidationError as error:
        return CheckedFlow(source, None, [_problem_from(item) for item in error.errors()])
    return CheckedFlow(source, flow, validate(flow))


def _duplicate_problem(path: Path, error: DuplicateKey) -> Problem:
    """Name the node a duplicate key belongs to: the node itself, or the node it sits in."""
    document = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    nodes = None
    if isinstance(document, yaml.MappingNode):
        nodes = next((v for k, v in document.value if k.value == "nodes"), None)
    if isinstance(nodes, yaml.MappingNode):
        for key_node, value_node in nodes.value:
            if key_node.start_mark.line + 1 == error.line:
                return Problem(key_node.value, f"node defined twice (line {error.line})")
            if value_node.start_mark.line < error.line <= value_node.end_mark.line:
                return Problem(key_node.value, f"{error.key!r} given twice (line {error.line})")
    return Problem(None, f"{error.key!r} given twice (line {error.line})")


def _problem_from(item: ErrorDetails) -> Problem:
    location = [str(part) for part in item["loc"]]
    node = location[1] if len(location) > 1 and location[0] == "nodes" else None
    field = ".".join(location[2:] if node else location)
    return Problem(node, f"{field or 'flow'}: {item['msg']}")


def load_flow(path: Path) -> Flow:
    """Load a flow that must be valid; raise `FlowError` naming every problem otherwise."""
    checked = check_file(path)
    if checked.flow is None or checked.problems:
        raise FlowError(checked.source, checked.problems)
    return checked.flow


def shipped_flow_paths() -> list[Path]:
    """Every version of every shipped flow, oldest version first within a flow."""
    return sorted(SHIPPED_FLOWS.glob("*/v*.yaml"), key=lambda p: (p.parent.name, _version(p)))


def _version(path: Path) -> int:
    digits = path.stem.removeprefix("v")
    return int(digits) if digits.isdigit() else 0


def find_flow_path(id_or_path: str) -> Path:
    """The latest version of a shipped flow by id, or a flow file by path."""
    versions = [path for path in shipped_flow_paths() if path.parent.name == id_or_path]
    if versions:
        return versions[-1]
    path = Path(id_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    known = ", ".join(sorted({path.parent.name for path in shipped_flow_paths()}))
    raise FlowError(id_or_path, [Problem(None, f"no flow with this id (shipped flows: {known})")])


class FlowLibrary:
    """Every flow the bot can run, loaded and validated once, looked up by id and version."""

    def __init__(self, flows: list[Flow]) -> None:
        self._flows = {(flow.id, flow.version): flow for flow in flows}
        self._latest = {flow.id: flow for flow in sorted(flows, key=lambda flow: flow.version)}

    @classmethod
    def shipped(cls) -> FlowLibrary:
        return cls([load_flow(path) for path in shipped_flow_paths()])

    def including(self, flow: Flow) -> FlowLibrary:
        """This library plus one more flow (a local file given on the command line)."""
        return FlowLibrary([*self._flows.values(), flow])

    def latest(self, flow_id: str) -> Flow:
        try:
            return self._latest[flow_id]
        except KeyError:
            known = ", ".join(sorted(self._latest))
            raise KeyError(f"unknown flow {flow_id!r}; known flows: {known}") from None

    def get(self, flow_id: str, version: int) -> Flow:
        return self._flows[(flow_id, version)]

    def ids(self) -> list[str]:
        return sorted(self._latest)
