// Builds bundled/: the pure-Python libraries the server needs (requirements-bundle.txt) and the
// gradguard server package itself in bundled/libs, and the launcher in bundled/tool/server.py.
// Python: $GRADGUARD_BUNDLE_PYTHON, else python3 (python on Windows), with pip.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundled = join(root, 'bundled');
const libs = join(bundled, 'libs');
const tool = join(bundled, 'tool');
const python = process.env.GRADGUARD_BUNDLE_PYTHON || (process.platform === 'win32' ? 'python' : 'python3');

function run(args, options = {}) {
  console.log(`$ ${python} ${args.join(' ')}`);
  return execFileSync(python, args, { cwd: root, stdio: 'inherit', ...options });
}

function removeAll(dir, test) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (test(name, path)) {
      rmSync(path, { recursive: true, force: true });
    } else if (statSync(path).isDirectory()) {
      removeAll(path, test);
    }
  }
}

rmSync(bundled, { recursive: true, force: true });
mkdirSync(libs, { recursive: true });
mkdirSync(tool, { recursive: true });
// bundled/ is a build output: keep it out of git without touching the repository's .gitignore
writeFileSync(join(bundled, '.gitignore'), '*\n');

const pip = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet'];
const target = ['--target', libs, '--implementation', 'py', '--no-deps'];
// third-party libraries: pinned, pure-Python wheels only
run([...pip, ...target, '--only-binary=:all:', '--requirement', join(root, 'requirements-bundle.txt')]);
// the gradguard server package, from this checkout: built from a copy of its sources, so that
// setuptools' build/ and egg-info (and stale files in them) stay out of the work tree
const source = mkdtempSync(join(tmpdir(), 'gradguard-bundle-'));
try {
  for (const file of ['pyproject.toml', 'README.md']) {
    copyFileSync(join(root, file), join(source, file));
  }
  cpSync(join(root, 'server', 'gradguard'), join(source, 'server', 'gradguard'), {
    recursive: true,
    filter: (path) => basename(path) !== '__pycache__' && !path.endsWith('.pyc'),
  });
  run([...pip, ...target, source]);
} finally {
  rmSync(source, { recursive: true, force: true });
}

removeAll(libs, (name) => name === '__pycache__' || name.endsWith('.pyc'));
rmSync(join(libs, 'bin'), { recursive: true, force: true });
// jedi's wheel carries two stub trees it never reads for gradguard, 4,800 of the bundle's 5,900
// files (vsce's secret scan takes time quadratic in the number of files: minutes with them):
// - typeshed/stubs (third-party stubs): jedi 0.20 maps a stub directory one level deep
//   (`<dir>/<module>.pyi`, `<dir>/<package>/__init__.pyi`), but typeshed now lays them out as
//   `stubs/<distribution>/<package>/`, so no module ever resolves there;
// - django-stubs: read only for `import django` (a missing file is no stub: jedi reads
//   django's own source), and gradguard asks jedi for torch tensor and parameter types only.
// typeshed/stdlib stays: it is how jedi types builtins and the standard library (checked below).
const jediThirdParty = join(libs, 'jedi', 'third_party');
const noThirdPartyStubs = `
import sys
sys.path.insert(0, sys.argv[1])
import jedi.inference.gradual.typeshed as typeshed
third_party = sorted(k for k, p in typeshed._cache_stub_file_map(sys.version_info).items() if p.is_third_party)
assert not third_party, f"this jedi reads typeshed/stubs ({third_party[:5]}...): keep them in the bundle"
`;
run(['-I', '-c', noThirdPartyStubs, libs]);
for (const unused of [join(jediThirdParty, 'typeshed', 'stubs'), join(jediThirdParty, 'django-stubs')]) {
  if (!existsSync(unused)) {
    throw new Error(`${unused} is gone: check what this jedi reads from third_party before trimming it`);
  }
  rmSync(unused, { recursive: true, force: true });
}
copyFileSync(join(root, 'client', 'python', 'server.py'), join(tool, 'server.py'));

// every module the server imports must come from bundled/libs, whatever the interpreter has
const check = `
import os, sys
libs = os.path.realpath(sys.argv[1])
sys.path.insert(0, libs)
import gradguard.lsp.server, pygls, lsprotocol, jedi, parso, attrs, cattrs, typing_extensions
for name in ("gradguard", "pygls", "lsprotocol", "jedi", "parso", "attrs", "cattrs", "typing_extensions"):
    where = os.path.realpath(sys.modules[name].__file__)
    assert where.startswith(libs + os.sep), (name, where)
# jedi still types builtins and the standard library from its typeshed/stdlib stubs
import jedi.inference.gradual.typeshed as typeshed
stdlib = [p for p in typeshed._cache_stub_file_map(sys.version_info).values() if not p.is_third_party]
assert len(stdlib) > 100 and all(p.path.startswith(libs + os.sep) for p in stdlib), len(stdlib)
script = jedi.Script("import os\\nx = os.getcwd()\\ny = [1].pop()\\n", path=os.path.join(libs, "check.py"))
assert [n.full_name for n in script.infer(2, 0)] == ["builtins.str"], script.infer(2, 0)
assert [n.full_name for n in script.infer(3, 0)] == ["builtins.int"], script.infer(3, 0)
print("bundled/libs: gradguard", gradguard.__version__, "imports from the bundle")
`;
run(['-I', '-c', check, libs]);
removeAll(libs, (name) => name === '__pycache__');
if (!existsSync(join(libs, 'gradguard', 'optable', 'data'))) {
  throw new Error('bundled/libs/gradguard lacks optable/data: package data was not installed');
}
