"""Build the Linux artifacts once (packaging/build_linux.sh, a few minutes) and use them as a user would: the built
executable trains and generates on the bundled sample book, the desktop app starts and logs (and a broken one waits
in a dialog instead of vanishing), nothing is written into the bundle, and the .deb unpacks to the layout a desktop
expects.

Runs only with AZR_PACKAGING_TESTS=1 (CI sets it; see conftest.py): the build takes minutes and a gigabyte or two
of temporary space.
AZR_PACKAGING_BUILD=DIR tests the artifacts already built in DIR (build_linux.sh DIR) instead of building."""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from packaging_helpers import APP, PACKAGING, VERSION

# The first test also waits for the build.
pytestmark = [pytest.mark.slow, pytest.mark.packaging, pytest.mark.timeout(1800)]

if not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None:
    pytest.skip("the Linux packages are built on Debian or Ubuntu (dpkg-deb)", allow_module_level=True)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    if os.environ.get("AZR_PACKAGING_BUILD"):
        return Path(os.environ["AZR_PACKAGING_BUILD"])
    assert importlib.util.find_spec("PyInstaller"), "PyInstaller is not installed: pip install -e '.[packaging]'"
    out = tmp_path_factory.mktemp("packaging")
    build = subprocess.run(
        ["bash", str(PACKAGING / "build_linux.sh"), str(out)],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert build.returncode == 0, (build.stdout + build.stderr)[-6000:]
    print(build.stdout[-400:])  # the step times and the artifact sizes, shown with -s
    return out


@pytest.fixture(scope="module")
def bundle(out) -> Path:
    return out / "dist" / APP


@pytest.fixture
def user_env(tmp_path) -> dict[str, str]:
    """A fresh user: every folder the app may write to is under tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def run(args: list, env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_version(bundle, user_env):
    assert run([bundle / APP, "--version"], user_env).stdout.strip() == f"{APP} {VERSION}"


def test_trains_and_generates_on_the_bundled_book_writing_only_user_folders(bundle, user_env, tmp_path):
    book = bundle / "_internal" / "azr_desktop" / "resources" / "sample_books" / "shakespeare.txt"
    assert book.is_file()
    before = snapshot(bundle)
    model = tmp_path / "model"
    trained = run([bundle / APP, "train", model, "--book", book, "--preset", "tiny", "--iters", "3"], user_env)
    assert "reached the target at iteration 3" in trained.stdout
    assert (model / "checkpoints" / "latest").exists()
    generate = [bundle / APP, "generate", model, "--prompt", "ROMEO:", "--max-new-tokens", "20", "--seed", "1"]
    text = run(generate, user_env).stdout
    assert text.startswith("ROMEO:") and len(text.strip()) > len("ROMEO:")
    assert snapshot(bundle) == before


def start_app(app: Path, env: dict, log: Path, seconds: float) -> str:
    """Start the desktop app, wait until its log shows it started and ``seconds`` more, check it is still running
    (showing its window or its failure dialog), close it and return the log."""
    process = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (log.exists() and "resources" in log.read_text()) and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text() if log.exists() else "no log"
            time.sleep(0.5)
        time.sleep(seconds)
        assert process.poll() is None, log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return log.read_text()


def log_file(env: dict) -> Path:
    return Path(env["XDG_STATE_HOME"]) / "AZR Desktop" / "log" / f"{APP}.log"


def test_desktop_app_starts_and_logs_where_its_resources_are(bundle, user_env):
    before = snapshot(bundle)
    text = start_app(bundle / APP, user_env, log_file(user_env), seconds=15)  # the window is built after the banner
    resources = Path(text.split("resources ")[1].split()[0])
    assert resources == bundle / "_internal" / "azr_desktop" / "resources"
    # A failed start would be waiting in its dialog, still running: the log tells.
    assert "Traceback" not in text and "\nerror:" not in text, text
    assert snapshot(bundle) == before


def test_a_failed_start_waits_in_a_dialog_with_the_log(bundle, user_env, tmp_path):
    broken = tmp_path / APP
    try:
        shutil.copytree(bundle, broken, symlinks=True, copy_function=os.link)  # hard links: no 600 MB copy
    except OSError as error:
        pytest.skip(f"cannot hard-link the bundle into {tmp_path}: {error}")
    (broken / "_internal" / "tokenizers" / "tokenizers.abi3.so").unlink()  # as a damaged install would be
    text = start_app(broken / APP, user_env, log_file(user_env), seconds=5)
    assert "Traceback" in text and "No module named 'tokenizers.tokenizers'" in text


def test_tarball_holds_the_bundle(out):
    tarball = out / f"{APP}-{VERSION}-linux-{platform.machine()}.tar.gz"
    names = set(subprocess.run(["tar", "-tzf", tarball], capture_output=True, text=True, check=True).stdout.split())
    assert {f"{APP}/{APP}", f"{APP}/_internal/azr_desktop/resources/sample_books/shakespeare.txt"} <= names


def test_deb_installs_the_app_menu_entry_and_icon(out, tmp_path, user_env):
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    deb = out / f"{APP}_{VERSION}_{arch}.deb"
    fields = {}
    for line in run(["dpkg-deb", "--field", deb], user_env).stdout.splitlines():
        key, _, value = line.partition(": ")
        fields[key] = value
    assert (fields["Package"], fields["Version"], fields["Architecture"]) == (APP, VERSION, arch)
    depends = [d.split()[0] for d in fields["Depends"].split(", ")]
    assert {"libc6", "libgl1", "libegl1", "libxcb1"} <= set(depends) and len(depends) < 10
    owners = {line.split()[1] for line in run(["dpkg-deb", "--contents", deb], user_env).stdout.splitlines()}
    assert owners == {"root/root"}

    root = tmp_path / "root"
    run(["dpkg-deb", "-x", deb, root], user_env)
    launcher = root / "usr" / "bin" / APP
    assert launcher.is_symlink() and not os.path.isabs(os.readlink(launcher))  # resolves inside any root
    assert launcher.resolve() == (root / "opt" / APP / APP).resolve()
    assert run([launcher, "--version"], user_env).stdout.strip() == f"{APP} {VERSION}"
    desktop = root / "usr" / "share" / "applications" / f"{APP}.desktop"
    assert f"Exec={APP}" in desktop.read_text()
    assert (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP}.png").is_file()
    assert (root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP}.svg").is_file()
    # Everything lives in the package's own folders, so `apt remove` takes it all away.
    top = {p.relative_to(root).parts[0] for p in root.rglob("*") if p.is_file() or p.is_symlink()}
    assert top == {"opt", "usr"}
