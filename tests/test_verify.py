"""Run-and-verify (`gradguard verify`): the instrumented runner against the torch-grounded cases,
and its behaviour as a process (limits, crashes, missing torch, cells, the CLI contract).

The case suite runs every case in one batch subprocess per test worker (torch is imported once);
the single-run path (one subprocess per file, as the CLI does it) runs on a sample.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from gradguard.cli import main as cli_main
from gradguard.verify import (
    HARNESS,
    CellError,
    Job,
    Limits,
    VerifyResult,
    plan_cells,
    run_jobs,
    verify_file,
    verify_source,
)
from harness.casefile import all_cases, parse_case
from harness.verify_batch import describe, expect_lines, runtime_hits, verify_cases

pytest.importorskip("torch")

CASES_DIR = Path(__file__).parent / "cases"
CASE_PATHS = all_cases(CASES_DIR)
IDS = [f"{p.parent.name}/{p.stem}" for p in CASE_PATHS]
SAVER_RATE = 0.95
DATA_ALIAS_RATE = 0.90


@pytest.fixture(scope="module")
def results() -> dict[Path, VerifyResult]:
    return verify_cases(CASE_PATHS)


def _write(tmp_path: Path, source: str, name: str = "user_code.py") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return str(path)


def _verify(path: str, cell: int | None = None, **limits: float) -> VerifyResult:
    return verify_file(path, cell, limits=Limits(**limits))  # type: ignore[arg-type]


# ---- every case --------------------------------------------------------------------------


@pytest.mark.parametrize("path", CASE_PATHS, ids=IDS)
def test_case_verified(path: Path, results: dict[Path, VerifyResult]) -> None:
    case, result = parse_case(path), results[path]
    assert not [n for n in result.notes if "internal error" in n], describe(result)
    raises = case.raises
    if raises is not None:
        # the instrumentation must not change what the code does
        exc = result.exception
        assert result.status == "error" and exc is not None, describe(result)
        assert (exc.type, exc.line) == (raises.exc_type, raises.line), describe(result)
        assert raises.message in exc.message, describe(result)
        assert runtime_hits(case, result), (
            f"no runtime finding (nor the exception) at the expect lines "
            f"{sorted(expect_lines(case))}\n{describe(result)}"
        )
    elif not case.expected:
        assert result.status == "ok" and result.completed, describe(result)
        assert result.findings == [], describe(result)
    else:  # silent hazards (GG008, GG009): the code runs to the end
        assert result.status == "ok" and result.completed, describe(result)


def test_saving_line_rate(results: dict[Path, VerifyResult]) -> None:
    """GG002 cases: the runtime names the `# saver` line for the `# expect:` in-place line."""
    total, misses = 0, []
    for path in CASE_PATHS:
        case = parse_case(path)
        if case.raises is None or {code for _, code in case.expected} != {"GG002"}:
            continue
        total += 1
        lines = expect_lines(case)
        result = results[path]
        if not any(
            f.kind == "GG002"
            and f.inplace.line in lines
            and f.saved_by is not None
            and f.saved_by.line in case.saver_lines
            for f in result.findings
        ):
            misses.append(f"{case.name}: savers {sorted(case.saver_lines)}\n{describe(result)}")
    rate = (total - len(misses)) / total
    print(f"\nsaving line named: {total - len(misses)}/{total} GG002 cases ({rate:.1%})")
    assert total >= 80
    assert rate >= SAVER_RATE, "\n".join(misses)


def test_data_alias_writes_detected(results: dict[Path, VerifyResult]) -> None:
    """`.data` / NumPy writes autograd never sees (silent GG008 cases) are found with their line."""
    total, misses = 0, []
    for path in CASE_PATHS:
        case = parse_case(path)
        for line in sorted(expect_lines(case, {"GG008"})):
            total += 1
            found = [f for f in results[path].findings if f.kind == "GG008"]
            if not any(f.inplace.line == line for f in found):
                misses.append(f"{case.name}:{line}\n{describe(results[path])}")
    rate = (total - len(misses)) / total
    print(f"\n.data/NumPy writes detected: {total - len(misses)}/{total} ({rate:.1%})")
    assert total >= 10
    assert rate >= DATA_ALIAS_RATE, "\n".join(misses)


def test_static_findings_confirmed(results: dict[Path, VerifyResult]) -> None:
    """Every static finding of a case that really raises is confirmed by the run."""
    total, misses = 0, []
    for path in CASE_PATHS:
        case = parse_case(path)
        if case.raises is None:
            continue
        for verdict in results[path].verdicts:
            if (verdict.line, verdict.code) in case.expected:
                total += 1
                if verdict.verdict != "confirmed":
                    misses.append(f"{case.name}: {verdict}")
    print(f"\nstatic findings confirmed: {total - len(misses)}/{total}")
    assert total >= 150
    assert (total - len(misses)) / total >= 0.95, "\n".join(misses)


def test_clean_cases_have_no_error_verdicts(results: dict[Path, VerifyResult]) -> None:
    for path in CASE_PATHS:
        case = parse_case(path)
        if case.raises is None and not case.expected:
            assert all(v.verdict != "confirmed" for v in results[path].verdicts), case.name


def test_m2_message_is_autograds_own(results: dict[Path, VerifyResult]) -> None:
    """With saved-tensor hooks autograd skips its version check; the harness re-raises its text."""
    from harness.torch_run import run_source

    total, differ = 0, []
    for path in CASE_PATHS:
        case = parse_case(path)
        if case.raises is None or "modified by an inplace operation" not in case.raises.message:
            continue
        total += 1
        native = run_source(case.source, str(path)).message or ""
        exc = results[path].exception
        ours = exc.message if exc is not None else ""
        # up to the hint, which differs with anomaly mode (the harness turns it on)
        if native.split(" instead.")[0] != ours.split(" instead.")[0]:
            differ.append(f"{case.name}:\n  torch: {native}\n  ours:  {ours}")
    assert total >= 80
    assert (total - len(differ)) / total >= 0.95, "\n".join(differ)


def test_examples_single_run_matches_batch(results: dict[Path, VerifyResult]) -> None:
    """The CLI's single-run path (one subprocess per file) agrees with the batch on a sample."""
    sample = [
        CASES_DIR / "h03_saved_output" / "h03_pos_exp_normalise_branch.py",
        CASES_DIR / "h01_leaf" / "h01_pos_add_.py",
        CASES_DIR / "h08_data_alias" / "h08_pos_numpy_write.py",
        CASES_DIR / "h10_inplace_activation" / "h10_pos_seq_sigmoid_relu.py",
        CASES_DIR / "h10_inplace_activation" / "h10_neg_conv_bn_relu_inplace.py",
    ]

    def key(result: VerifyResult) -> list[tuple[str, int | None, int | None]]:
        return sorted(
            (f.kind, f.inplace.line, f.saved_by.line if f.saved_by else None)
            for f in result.findings
        )

    for path in sample:
        single, batch = verify_file(str(path)), results[path]
        assert (single.status, key(single)) == (batch.status, key(batch)), path
        assert [v.verdict for v in single.verdicts] == [v.verdict for v in batch.verdicts]


# ---- the CLI contract --------------------------------------------------------------------


def test_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    path = CASES_DIR / "h03_saved_output" / "h03_pos_exp_normalise_branch.py"
    code = cli_main(["verify", str(path), "--format", "json", "--timeout", "120"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["status"] == "error"
    for key in ("findings", "exception", "verdicts", "partial", "stdout", "stderr"):
        assert key in out
    finding = out["findings"][0]
    assert finding["kind"] == "GG002"
    assert set(finding) >= {"kind", "message", "inplace", "saved_by"}
    assert finding["inplace"] == {"line": 8, "op": "div_"}
    assert finding["saved_by"] == {"line": 6, "op": "exp"}
    assert set(out["exception"]) >= {"type", "message", "line"}
    assert out["exception"]["line"] == 14
    verdict = out["verdicts"][0]
    assert (verdict["code"], verdict["line"], verdict["verdict"]) == ("GG002", 8, "confirmed")
    assert out["partial"] is False


def test_cli_exit_codes_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = _write(tmp_path, "import torch\nprint((torch.ones(2) * 2).sum().item())\n")
    assert cli_main(["verify", clean]) == 0
    text = capsys.readouterr().out
    assert "ok: ran to the end" in text and "4.0" in text
    silent = CASES_DIR / "h08_data_alias" / "h08_pos_data_mul_sigmoid.py"
    assert cli_main(["verify", str(silent)]) == 1  # runs fine, but a runtime finding
    text = capsys.readouterr().out
    assert "GG008" in text and "saved by `sigmoid` at line 5" in text
    assert cli_main(["verify", str(tmp_path / "missing.py")]) == 2
    assert cli_main(["verify", clean, "--cell", "0"]) == 2
    assert cli_main(["verify", clean, "--timeout", "-1"]) == 2


def test_runs_in_a_subprocess_with_stdin_closed(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        import os
        print("pid", os.getpid())
        answer = input("? ")
        """,
    )
    result = _verify(path)
    assert f"pid {os.getpid()}" not in result.stdout and "pid " in result.stdout
    assert result.status == "error"
    assert result.exception is not None and result.exception.type == "EOFError"
    assert result.exception.line == 4


def test_harness_is_standalone() -> None:
    """It runs in the user's interpreter, which may lack gradguard and be older: standard library
    and torch only, no syntax newer than Python 3.8."""
    source = HARNESS.read_text(encoding="utf-8")
    tree = ast.parse(source, feature_version=(3, 8))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import in the harness"
            imported.add((node.module or "").split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"torch"}, imported


# ---- limits and abnormal ends ------------------------------------------------------------


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan killed with its group may wait for init to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_timeout_kills_the_process_group(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        import subprocess, sys
        import torch
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
        print("child", child.pid, flush=True)
        x = torch.randn(3, requires_grad=True)
        for _ in range(10**12):
            pass
        x.add_(1)
        """,
    )
    started = time.monotonic()
    result = _verify(path, timeout=6)
    assert time.monotonic() - started < 30
    assert result.status == "timeout", describe(result)
    assert "6 s" in result.message
    child = int(result.stdout.split("child")[1].split()[0])
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child), "the user's child process survived the timeout"
    assert 7 in result.executed_lines and 9 not in result.executed_lines
    verdicts = {(v.code, v.line): v.verdict for v in result.verdicts}
    assert verdicts.get(("GG001", 9)) == "not_reached", result.verdicts


def test_cancel_kills_the_process_group(tmp_path: Path) -> None:
    source = "import time\nprint('started', flush=True)\nx = 1\ntime.sleep(600)\nx += 1\n"
    cancel = threading.Event()
    # late enough for the harness (torch's import included) to reach line 4 on a loaded machine
    threading.Timer(6.0, cancel.set).start()
    started = time.monotonic()
    result = verify_source(
        source, str(tmp_path / "slow.py"), limits=Limits(timeout=300), cancel=cancel
    )
    assert time.monotonic() - started < 30
    assert result.status == "cancelled" and result.exit_code == 1, describe(result)
    assert "process tree was killed" in result.message
    assert 4 in result.executed_lines and 5 not in result.executed_lines


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _running(pid)


def test_processes_that_leave_the_group_are_killed_with_the_run(tmp_path: Path) -> None:
    """A process in its own session (setsid) and a double-forked one in another process group
    both hold the output pipes: the run still ends when the code does, and kills them both."""
    path = _write(
        tmp_path,
        """
        import os, subprocess, sys, time
        session = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True
        )
        print("session", session.pid, flush=True)
        middle = os.fork()
        if middle == 0:
            if os.fork() == 0:
                os.setpgid(0, 0)
                print("orphan", os.getpid(), flush=True)
                time.sleep(300)
            os._exit(0)
        os.waitpid(middle, 0)
        time.sleep(0.5)  # the orphan has printed
        print("done")
        """,
    )
    result = _verify(path, timeout=60)
    assert result.status == "ok" and result.completed, describe(result)
    assert result.duration < 8, f"the run waited on pipes the escaped processes hold: {result}"
    pids = {name: int(result.stdout.split(name)[1].split()[0]) for name in ("session", "orphan")}
    for name, pid in pids.items():
        assert _gone_soon(pid), f"the {name} process survived the run"
    [note] = [n for n in result.notes if "left running" in n]
    assert "killed 2 processes" in note
    assert all(f"pid {pid}:" in note for pid in pids.values()), note
    assert "time.sleep(300)" in note  # the command line says which


@pytest.mark.parametrize(
    ("code", "why"),
    [
        (
            "import threading, time\n"
            "threading.Thread(target=time.sleep, args=(100,), name='sleeper').start()\n",
            "non-daemon thread still running: 'sleeper'",
        ),
        ("import atexit, time\natexit.register(time.sleep, 100)\n", "an atexit handler"),
    ],
    ids=["thread", "atexit"],
)
def test_interpreter_that_will_not_exit_is_killed_soon(tmp_path: Path, code: str, why: str) -> None:
    """Once the code has finished, the interpreter's shutdown gets a short grace, not the
    whole timeout; the result says it had to be killed, and why."""
    path = _write(tmp_path, code + "print('finished', flush=True)\n")
    started = time.monotonic()
    result = _verify(path, timeout=60)
    assert time.monotonic() - started < 20
    assert result.status == "ok" and result.completed, describe(result)
    assert result.stdout.strip() == "finished"
    [note] = [n for n in result.notes if "gradguard killed it" in n]
    assert "had not exited 2 s later" in note and why in note


def test_anomaly_traceback_shows_only_the_users_frames(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        import torch
        x = torch.randn(3, requires_grad=True)
        y = torch.sigmoid(x)
        y.mul_(2)
        y.sum().backward()
        """,
    )
    result = _verify(path)
    assert "Traceback of forward call" in result.stderr
    assert f'File "{path}", line 4' in result.stderr
    assert "harness.py" not in result.stderr


def test_explicit_cell_ranges(tmp_path: Path) -> None:
    """Notebook cells joined into one program have no `# %%` markers: their ranges say where
    each cell is; the cells before the target run first."""
    source = "import torch\nx = torch.randn(3, requires_grad=True)\ny = x.sigmoid()\ny.mul_(2)\n"
    ranges = [(1, 3), (4, 4)]
    result = verify_source(source, str(tmp_path / "nb.ipynb"), 2, ranges=ranges)
    assert (result.cell.start_line, result.cell.end_line, result.cell.count) == (4, 4, 2)
    [finding] = result.findings
    assert (finding.inplace.line, finding.saved_by and finding.saved_by.line) == (4, 3)
    with pytest.raises(CellError):
        verify_source(source, str(tmp_path / "nb.ipynb"), 3, ranges=ranges)


def test_cli_refuses_notebooks_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, '{"cells": []}', "nb.ipynb")
    assert cli_main(["verify", path]) == 2
    assert "Verify cell in the editor" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("body", "signal_name"),
    [("os.abort()", "SIGABRT"), ("ctypes.string_at(0)", "SIGSEGV")],
    ids=["abort", "segfault"],
)
def test_crash_is_reported(tmp_path: Path, body: str, signal_name: str) -> None:
    path = _write(tmp_path, f"import ctypes, os\nimport torch\nprint('before')\n{body}\n")
    result = _verify(path)
    assert result.status == "crashed", describe(result)
    assert signal_name in result.message
    assert result.exception is not None and result.exception.type == signal_name
    assert result.exception.line == 4  # from faulthandler's dump of the user's stack
    assert "before" in result.stdout


def test_os_exit_is_a_crash(tmp_path: Path) -> None:
    result = _verify(_write(tmp_path, "import os\nos._exit(7)\n"))
    assert result.status == "crashed" and "code 7" in result.message


def test_sys_exit_and_keyboard_interrupt(tmp_path: Path) -> None:
    result = _verify(_write(tmp_path, "import sys\nprint('hi')\nsys.exit(3)\nprint('no')\n"))
    assert result.status == "error"
    assert result.exception is not None
    assert (result.exception.type, result.exception.line) == ("SystemExit", 3)
    assert result.exception.message == "sys.exit(3)"
    assert result.stdout.strip() == "hi"
    result = _verify(_write(tmp_path, "raise KeyboardInterrupt\n", "interrupt.py"))
    assert result.exception is not None and result.exception.type == "KeyboardInterrupt"
    result = _verify(_write(tmp_path, "import sys\nsys.exit(0)\n", "exit0.py"))
    assert result.status == "ok" and not result.completed


def test_huge_output_is_truncated(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        import sys
        print("FIRST")
        for i in range(200_000):
            print("line", i)
        print("LAST", file=sys.stdout)
        print("E" * 300_000, file=sys.stderr)
        """,
    )
    result = _verify(path, output_limit=64 * 1024)
    assert result.status == "ok"
    assert len(result.stdout) < 70 * 1024 and len(result.stderr) < 70 * 1024
    assert result.stdout.startswith("FIRST") and result.stdout.rstrip().endswith("LAST")
    assert "output truncated" in result.stdout and "output truncated" in result.stderr


def test_memory_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "import torch\nbig = torch.ones(512, 1024, 1024)\n")
    result = _verify(path, memory_mb=256)
    assert result.status == "error", describe(result)
    assert result.exception is not None and result.exception.line == 2


def test_interpreter_without_torch(tmp_path: Path) -> None:
    """A real interpreter where `import torch` fails: a fresh venv without site packages."""
    venv = tmp_path / "venv-without-torch"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    path = _write(tmp_path, "import torch\nx = torch.ones(2)\nx.add_(1)\n")
    result = verify_file(path, python=str(python))
    assert result.status == "no_torch", describe(result)
    assert "import torch" in result.message
    assert result.exit_code == 2
    assert all(v.verdict == "not_reached" for v in result.verdicts)
    assert cli_main(["verify", path, "--python", str(python)]) == 2
    assert cli_main(["verify", path, "--python", str(tmp_path / "nope")]) == 2


def test_torch_older_than_supported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in `torch` package reporting 1.13 comes first on PYTHONPATH: the harness's real
    version check must refuse it (nothing in gradguard is told to pretend)."""
    fake = tmp_path / "old" / "torch"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('__version__ = "1.13.1"\n', encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    result = _verify(_write(tmp_path, "import torch\n"))
    assert result.status == "no_torch"
    assert "1.13.1" in result.message and "older than the supported 2.1" in result.message


def test_batch_survives_a_crashing_job(tmp_path: Path) -> None:
    crash = _write(tmp_path, "import os\nos.abort()\n", "crash.py")
    fine = _write(tmp_path, "import torch\nprint(torch.ones(1).item())\n", "fine.py")
    jobs = [Job(p, Path(p).read_text(), plan_cells(Path(p).read_text())) for p in (crash, fine)]
    first, second = run_jobs(jobs, limits=Limits(timeout=120))
    assert first.status == "crashed" and "SIGABRT" in first.message
    assert second.status == "ok" and second.stdout.strip() == "1.0"


# ---- cells -------------------------------------------------------------------------------

CELLS = """\
# %%
import torch
x = torch.randn(3, requires_grad=True)
y = torch.sigmoid(x)
# %%
y.mul_(2)
# %%
y.sum().backward()
"""


def test_cell_selection(tmp_path: Path) -> None:
    path = _write(tmp_path, CELLS)
    first = _verify(path, 1)
    assert (first.status, first.findings, first.cell.start_line) == ("ok", [], 1)

    second = _verify(path, 2)  # no backward in this cell: the end-of-cell check still says it
    assert second.status == "ok" and second.cell.start_line == 5 and second.cell.end_line == 6
    [finding] = second.findings
    assert (finding.kind, finding.inplace.line, finding.inplace.op) == ("GG002", 6, "mul_")
    assert finding.saved_by is not None and finding.saved_by.line == 4  # saved in the setup
    assert [(v.code, v.line, v.verdict) for v in second.verdicts] == [("GG002", 6, "confirmed")]

    third = _verify(path, 3)
    assert third.status == "error" and third.exception is not None
    assert third.exception.line == 8 and third.exception.stage == "cell"
    assert [(f.kind, f.inplace.line) for f in third.findings] == [("GG002", 6)]

    whole = _verify(path)
    assert whole.cell.index is None and whole.exception is not None
    with pytest.raises(CellError):
        _verify(path, 4)


def test_crlf_cells(tmp_path: Path) -> None:
    """A file saved with Windows line endings: the same cells, lines and findings."""
    path = tmp_path / "crlf.py"
    path.write_bytes(CELLS.replace("\n", "\r\n").encode("utf-8"))
    second = _verify(str(path), 2)
    assert (second.cell.start_line, second.cell.end_line) == (5, 6)
    [finding] = second.findings
    assert (finding.inplace.line, finding.saved_by and finding.saved_by.line) == (6, 4)
    assert [(v.code, v.line, v.verdict) for v in second.verdicts] == [("GG002", 6, "confirmed")]


def test_error_in_a_setup_cell(tmp_path: Path) -> None:
    path = _write(tmp_path, "# %%\nimport torch\nraise ValueError('setup')\n# %%\nprint('x')\n")
    result = _verify(path, 2)
    assert result.status == "error" and result.exception is not None
    assert (result.exception.type, result.exception.line) == ("ValueError", 3)
    assert result.exception.stage == "setup"
    assert result.stdout == ""


def test_user_hooks_make_verification_partial(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        import torch
        from torch.utils.checkpoint import checkpoint
        w = torch.randn(4, 4, requires_grad=True)
        y = checkpoint(lambda t: torch.sigmoid(t @ w), torch.randn(2, 4), use_reentrant=False)
        y.sum().backward()
        """,
    )
    result = _verify(path)
    assert result.status == "ok" and result.partial
    assert any("torch.utils.checkpoint" in note for note in result.notes)


def test_torch_func_runs_with_hooks_stepped_aside(tmp_path: Path) -> None:
    """torch.func refuses any active saved-tensor hook: the harness steps aside, says partial."""
    path = _write(
        tmp_path,
        """
        import torch
        from torch.func import grad
        print(grad(lambda x: x.sin().sum())(torch.zeros(3)).tolist())
        x = torch.randn(3, requires_grad=True)
        y = x.exp()
        y.add_(1)
        """,
    )
    result = _verify(path)
    assert result.status == "ok", describe(result)
    assert result.stdout.strip() == "[1.0, 1.0, 1.0]"
    assert result.partial and any("torch.func" in note for note in result.notes)
    # the hooks are back after the transform: the saved output is still checked
    assert [(f.kind, f.inplace.line, f.saved_by and f.saved_by.line) for f in result.findings] == [
        ("GG002", 7, 6)
    ]
