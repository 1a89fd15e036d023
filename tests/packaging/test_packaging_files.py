"""Fast checks of the packaging files, without building: the PyInstaller spec (run with stand-ins for PyInstaller's
build classes), the .desktop file, the Windows icon, the release workflow and the bundled app's start-up wrapper."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import types
from pathlib import Path

import pytest
from packaging_helpers import APP, PACKAGING, REPO, RESOURCES, VERSION, load_script

SPEC = PACKAGING / "azr-desktop.spec"


class _Build:
    """Stands in for PyInstaller's Analysis, PYZ, EXE and COLLECT: records what the spec passes."""

    made: dict[str, _Build]

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.made[type(self).__name__] = self


def run_spec(tmp_path: Path) -> tuple[dict[str, _Build], dict]:
    made: dict[str, _Build] = {}

    class Analysis(_Build):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # PyInstaller's table of contents: (path in the bundle, source, kind)
            self.datas = [(str(Path(dest) / Path(src).name), src, "DATA") for src, dest in kwargs["datas"]]
            self.binaries, self.scripts, self.pure = [], [], []

    namespace = {"SPECPATH": str(PACKAGING), "DISTPATH": str(tmp_path / "dist"), "workpath": str(tmp_path / "work")}
    for name in ("PYZ", "EXE", "COLLECT"):
        namespace[name] = type(name, (_Build,), {})
    namespace["Analysis"] = Analysis
    _Build.made = made
    exec(compile(SPEC.read_text(), str(SPEC), "exec"), namespace)
    return made, namespace


@pytest.fixture
def pyinstaller():
    """The spec imports PyInstaller's hook helpers: tests that run it are marked `packaging` (see conftest.py)."""
    assert importlib.util.find_spec("PyInstaller"), "PyInstaller is not installed: pip install -e '.[packaging]'"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RESOURCES / f"{APP}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.packaging
def test_spec_ships_every_resource_but_sources(tmp_path, pyinstaller):
    made, _ = run_spec(tmp_path)
    shipped = {Path(src).resolve(): dest for src, dest in made["Analysis"].kwargs["datas"]}
    expected = {
        p.resolve()
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.suffix not in (".ts", ".desktop")  # translation sources; the .deb installs the .desktop
    }
    assert set(shipped) == expected
    for src, dest in shipped.items():
        # importlib.resources.files("azr_desktop") is sys._MEIPASS/azr_desktop in the bundle
        assert Path(dest) == Path("azr_desktop") / src.parent.relative_to(REPO / "azr_desktop")
    assert any(p.name == "shakespeare.txt" for p in shipped) and any(p.suffix == ".qm" for p in shipped)
    assert made["Analysis"].args[0] == [str(PACKAGING / "entry.py")]
    assert made["EXE"].kwargs["name"] == made["COLLECT"].kwargs["name"] == APP
    assert made["EXE"].kwargs["icon"] is None  # Linux executables carry no icon: the .desktop file names it


@pytest.mark.packaging
def test_spec_drops_only_what_the_app_never_loads(tmp_path, pyinstaller):
    _, namespace = run_spec(tmp_path)
    drop = namespace["DROP"]
    for path in (
        "torch/test/Dict_test",
        "torch/bin/test_api",
        "torch/include/ATen/ATen.h",
        "torch/lib/libtorchbind_test.so",
        "torch/lib/libdnnl.a",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "libQt6EglFSDeviceIntegration.so.6",
        "PySide6\\plugins\\platforms\\qminimal.dll",
        "PySide6\\translations\\qtbase_fr.qm",
    ):
        assert drop.search(path), path
    for path in (
        "torch/bin/torch_shm_manager",  # `import torch` fails without it
        "torch/lib/libtorch_cpu.so",
        "torch/lib/libgomp.so.1",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/translations/qtbase_ru.qm",
        "PySide6\\translations\\qtbase_uk.qm",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "azr_desktop/resources/sample_books/shakespeare.txt",
    ):
        assert not drop.search(path), path


@pytest.mark.packaging
def test_spec_drops_libraries_nothing_links_any_more(tmp_path, pyinstaller):
    _, namespace = run_spec(tmp_path)
    qt = Path(pytest.importorskip("PySide6").__file__).parent / "Qt"
    core = next(qt.glob("lib/libQt6Core.so.*"), None)
    if core is None:
        pytest.skip("this PySide6 has no Linux Qt libraries")
    icu = [p for p in qt.glob("lib/libicu*.so.*")]
    binaries = [
        ("PySide6/QtCore.abi3.so", str(qt.parent / "QtCore.abi3.so"), "EXTENSION"),
        ("PySide6/Qt/lib/" + core.name, str(core), "BINARY"),
        *[("PySide6/Qt/lib/" + p.name, str(p), "BINARY") for p in icu],
        ("PySide6/Qt/lib/libQt6Network.so.6", str(qt / "lib" / "libQt6Network.so.6"), "BINARY"),
        ("libgtk-3.so.0", "/nonexistent/libgtk-3.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/nonexistent/libpython3.11.so.1.0", "BINARY"),  # the bootloader's: stays
    ]
    kept = {dest for dest, _src, _kind in namespace["without_orphans"](binaries)}
    assert kept == {dest for dest, *_ in binaries} - {"PySide6/Qt/lib/libQt6Network.so.6", "libgtk-3.so.0"}


@pytest.mark.packaging
def test_spec_on_windows_makes_a_windowed_exe_with_icon_and_version(tmp_path, monkeypatch, pyinstaller):
    pytest.importorskip("PySide6")
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")  # the real one needs pefile (Windows)
    for name in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
                 "VarStruct"):
        setattr(versioninfo, name, lambda *args, _name=name, **kwargs: (_name, args, kwargs))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", versioninfo)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("AZR_CONSOLE", raising=False)
    made, _ = run_spec(tmp_path)
    exe = made["EXE"].kwargs
    assert exe["console"] is False
    assert Path(exe["icon"]) == tmp_path / "work" / f"{APP}.ico" and Path(exe["icon"]).read_bytes()[:4] == b"\0\0\1\0"
    assert f"('FileVersion', '{VERSION}')" in repr(exe["version"])
    monkeypatch.setenv("AZR_CONSOLE", "1")
    assert run_spec(tmp_path)[0]["EXE"].kwargs["console"] is True


def test_desktop_file_matches_the_executable():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] == entry["Icon"] == entry["StartupWMClass"] == APP
    assert (RESOURCES / "icons" / f"{APP}.png").exists() and (RESOURCES / "icons" / f"{APP}.svg").exists()
    # One main category of the menu specification, or the app is listed in two menus.
    main = {"AudioVideo", "Development", "Education", "Game", "Graphics", "Network", "Office", "Science", "Settings"}
    assert len((main | {"System", "Utility"}) & set(entry["Categories"].split(";"))) == 1
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(RESOURCES / f"{APP}.desktop")], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout  # not even a hint


def test_windows_icon_holds_every_size_as_png(tmp_path):
    pytest.importorskip("PySide6")
    ico = load_script("make_ico").write_ico(RESOURCES / "icons" / f"{APP}.png", tmp_path / "app.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        entry = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)  # ICONDIRENTRY
        width, height, _colors, _reserved, planes, bits, length, offset = entry
        assert width == height
        assert (planes, bits) == (1, 32) and data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_release_workflow_builds_both_systems_with_the_scripts():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text())
    jobs = workflow["jobs"]
    assert jobs["linux"]["runs-on"].startswith("ubuntu") and jobs["windows"]["runs-on"].startswith("windows")
    runs = {job: " ".join(str(step.get("run", "")) for step in jobs[job]["steps"]) for job in ("linux", "windows")}
    assert "packaging/build_linux.sh" in runs["linux"] and "build_windows.ps1" in runs["windows"]
    assert set(jobs["release"]["needs"]) == {"linux", "windows"}


# ---- the bundled app's start-up (packaging/entry.py) -------------------------------------------------------------
@pytest.fixture
def entry(tmp_path, monkeypatch):
    module = load_script("entry")
    monkeypatch.setattr(module, "log_dir", lambda: tmp_path / "logs")
    return module


def test_start_failure_is_logged_and_shown_with_the_log_location(entry):
    shown = []

    def start():
        raise ImportError("libxkbcommon.so.0: cannot open shared object file")

    log_path, log = entry.open_log()
    with log:
        assert entry.run_gui(start, log_path, log, show=shown.append) == 1
    text = log_path.read_text()
    assert "AZR Desktop" in text and "resources" in text
    assert "Traceback" in text and "libxkbcommon.so.0" in text
    assert len(shown) == 1 and str(log_path) in shown[0] and "libxkbcommon.so.0" in shown[0]


def test_an_error_exit_at_start_is_shown_and_a_clean_one_is_not(entry):
    shown = []
    log_path, log = entry.open_log()
    with log:
        assert entry.run_gui(lambda: 2, log_path, log, show=shown.append) == 2
        assert entry.run_gui(lambda: 0, log_path, log, show=shown.append) == 0
    assert len(shown) == 1 and str(log_path) in shown[0]


def test_each_start_keeps_the_previous_log(entry):
    first, log = entry.open_log()
    with log:
        log.write("first run\n")
    second, log = entry.open_log()
    log.close()
    assert second == first and second.read_text() == ""
    assert second.with_name(second.name + ".1").read_text() == "first run\n"


def test_an_unwritable_log_folder_falls_back_to_the_temporary_folder(entry, tmp_path, monkeypatch):
    (tmp_path / "logs").write_text("a file where the folder should be")
    monkeypatch.setattr(entry.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    path, log = entry.open_log()
    log.close()
    assert path == tmp_path / "tmp" / "azr-desktop.log" and path.exists()
