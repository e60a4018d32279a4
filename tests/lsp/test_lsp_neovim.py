"""A real editor as the client: headless Neovim (0.7+, `vim.lsp.start_client`) starts the
server, attaches it to a Python buffer, waits for diagnostics and asks for code actions.
Skipped when `nvim` is not installed (CI installs it with `apt-get install -y neovim`)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_helpers import HAZARD

NVIM = shutil.which("nvim")

SCRIPT = r"""
local result = { diagnostics = {}, actions = {} }
local function finish()
  local file = io.open(vim.env.GG_RESULT, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end
local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.GG_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "gradguard",
    cmd = { vim.env.GG_PYTHON, "-m", "gradguard", "server" },
    root_dir = vim.fn.fnamemodify(vim.env.GG_FILE, ":h"),
    init_options = { gradguard = { jedi = false } },
  })
  vim.lsp.buf_attach_client(buf, client)
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, code = d.code,
                                       source = d.source, message = d.message })
  end
  local first = vim.lsp.diagnostic.get_line_diagnostics(buf, 3)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 3, character = 0 }, ["end"] = { line = 3, character = 9 } },
    context = { diagnostics = first },
  }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      table.insert(result.actions, { title = action.title, kind = action.kind,
                                     preferred = action.isPreferred == true })
    end
  end
  vim.lsp.stop_client(client)
end)
if not ok then result.error = tostring(err) end
finish()
"""


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed")
def test_neovim_shows_diagnostics_and_quick_fixes(tmp_path: Path) -> None:
    source = tmp_path / "train.py"
    source.write_text(HAZARD)
    script = tmp_path / "client.lua"
    script.write_text(SCRIPT)
    result_file = tmp_path / "result.json"
    env = {
        "GG_FILE": str(source),
        "GG_PYTHON": sys.executable,
        "GG_RESULT": str(result_file),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    assert NVIM is not None
    subprocess.run(
        [NVIM, "--headless", "--clean", "-c", f"luafile {script}"],
        env=env,
        timeout=60,
        check=False,
        capture_output=True,
    )
    result = json.loads(result_file.read_text())
    assert "error" not in result, result["error"]
    assert [(d["line"], d["code"], d["source"]) for d in result["diagnostics"]] == [
        (3, "GG002", "gradguard")
    ]
    preferred = [a["title"] for a in result["actions"] if a["preferred"]]
    assert preferred == ["Rewrite `y.mul_(2)` as `y = y.mul(2)`"]
    assert any(a["kind"] == "source.fixAll.gradguard" for a in result["actions"])
