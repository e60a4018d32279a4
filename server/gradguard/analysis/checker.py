"""Entry point of the analysis: source text in, findings (with fixes) out. Pure: no torch,
no LSP, no file system (the user's other modules come through a `ModuleLoader`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..optable.table import load_optable
from .findings import Finding, Report, most_severe
from .fixes import FixBuilder
from .hazards import Detector
from .imports import ImportMap
from .incremental import AnalysisCache
from .interpreter import BudgetExceeded, Interpreter
from .linking import ModuleLinker
from .modules import ModuleLoader, parse_module
from .parsing import Parsed, decode_source, parse_source
from .rules import RULES
from .spans import SourceMap
from .suppression import is_suppressed, suppressed_codes
from .values import ClassVal


def check_source(
    source: str,
    path: str = "<string>",
    *,
    use_jedi: bool = False,
    jedi_seconds: float = 5.0,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    cache: AnalysisCache | None = None,
    modules: ModuleLoader | None = None,
) -> Report:
    """Findings of `source`. `cache` (one per document, kept by the caller between edits)
    lets unchanged functions be replayed instead of re-analysed; not used with jedi.
    `modules` finds the project's other modules: calls into them are followed, and findings
    located there carry their path (`Finding.path`; "" is this file)."""
    parsed, imports = _parse(source, path, modules)
    report = Report(problems=list(parsed.problems))
    if parsed.tree is None or imports is None:
        return report
    if not imports.uses_torch and not (
        modules is not None and _imports_project_module(imports, path, modules)
    ):
        return report  # nothing here can build an autograd graph
    src = SourceMap(parsed.lines)
    table = load_optable()
    torch_name = imports.torch_alias() if "torch" in imports.names.values() else None
    detector = Detector(src, FixBuilder(src, table, torch_name))
    detector.main_path = path
    interp = Interpreter(parsed.tree, src, imports, table, detector)
    detector.call_chain = interp.call_chain
    detector.caller_envs = lambda: [s.env for s in interp.caller_states]
    if modules is not None:
        interp.linker = ModuleLinker(interp, modules, path)
    if cache is not None and not use_jedi:
        interp.cache = cache
    if use_jedi:
        from .jedi_types import JediTypes

        root = getattr(modules, "root", None)
        interp.jedi = JediTypes(source, path, budget_seconds=jedi_seconds, project_root=root)
    try:
        interp.run()
    except BudgetExceeded:
        report.problems.append("file too large to interpret completely: later code not analysed")
    except RecursionError:
        report.problems.append("code nested too deeply to analyse completely")
    report.problems.extend(detector.problems)
    if interp.linker is not None:
        report.modules = sorted(s.path for s in interp.linker.scopes.values() if s.tree is not None)
    findings = _own_file_as_itself(list(detector.findings.values()), path)
    suppressed = {  # only the files findings are in: a project may have hundreds of modules
        path: suppressed_codes(detector.sources[path].lines)
        for path in {f.path for f in findings}
        if path in detector.sources
    }
    report.findings = sorted(
        (
            f
            for f in findings
            if not is_suppressed(suppressed.get(f.path, {}), f.line, f.code)
            and selected(f.code, select, ignore)
        ),
        key=Finding.sort_key,
    )
    _release(interp, detector)
    return report


def _release(interp: Interpreter, detector: Detector) -> None:
    """Drop what the analysis held once its report is built. The interpreter and its
    detector refer to each other (and through callbacks), so without this the whole
    analysis, the file's syntax tree included, waits for the cyclic garbage collector:
    measured over 2,113 real files, collections that found ~180,000 dead objects each
    cost a quarter of the time (3.7 s of 15 s). Freed here, reference counting reclaims it
    at once and the collector seldom runs."""
    main = interp.main_scope
    for value in main.env.values():
        if isinstance(value, ClassVal) and any(f.module is main for f in value.methods.values()):
            value.methods.clear()  # a class and its methods refer to each other (.owner)
    main.env.clear()  # its functions refer to it (FuncVal.module)
    main.tree = None
    for src in main.src.registry.values():
        src.forget_spans()  # a nested function's closure holds itself, the map and its nodes
    main.src.registry.clear()  # the source maps of this analysis, each in it
    interp.__dict__.clear()
    detector.__dict__.clear()


def _parse(source: str, path: str, modules: ModuleLoader | None) -> tuple[Parsed, ImportMap | None]:
    """The file's parse. With the project's modules followed, it comes from (and goes to) the
    parse cache the imports use: a batch run parses a file once, as itself or as an import."""
    if modules is not None and os.path.isabs(path):
        found = parse_module(path, source)
        if found is not None:
            parsed = Parsed(found.tree, found.lines, list(found.problems))
            return parsed, found.imports.copy()  # star imports add names to the checked file's
    parsed = parse_source(source)
    if parsed.tree is None:
        return parsed, None
    return parsed, ImportMap(parsed.tree, parsed.lines)


def _own_file_as_itself(findings: list[Finding], path: str) -> list[Finding]:
    """A module that imports the checked file runs it again as a module (as Python would):
    what that finds in it is stated as this file's, once."""
    own = os.path.abspath(path) if os.path.isabs(path) else None
    if own is None or not any(
        f.path == own or any(r.span.path == own for r in f.related) for f in findings
    ):
        return findings
    return most_severe([f.with_paths(lambda p: "" if p == own else p) for f in findings])


def _imports_project_module(imports: ImportMap, path: str, modules: ModuleLoader) -> bool:
    """A file without torch imports still matters when it drives the project's own modules
    (a `train.py` that only imports `models` and `utils`)."""
    return any(modules.find(path, module, level) for module, level in imports.imported)


def check_bytes(data: bytes, path: str = "<bytes>", **options: object) -> Report:
    text, problem = decode_source(data)
    report = check_source(text, path, **options)  # type: ignore[arg-type]
    if problem:
        report.problems.insert(0, problem)
    return report


def selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """ruff-style prefix selection: `--select GG00 --ignore GG008`; `ALL` is every rule."""
    if select is not None and not any(s == "ALL" or code.startswith(s) for s in select):
        return False
    return not (ignore is not None and any(i == "ALL" or code.startswith(i) for i in ignore))


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The selectors that name no rule (neither `ALL` nor a prefix of a rule's code): a
    typo there would silently select nothing."""
    return [c for c in codes if c != "ALL" and not any(code.startswith(c) for code in RULES)]
