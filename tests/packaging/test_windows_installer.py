"""The Windows installer script: compiled by makensis (Debian's nsis) against a stand-in for the app folder, so its
syntax, includes and icon are proven here; what it does on Windows is read from the script."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from packaging_helpers import APP, PACKAGING, RESOURCES, VERSION, load_script

NSI = PACKAGING / "windows" / "installer.nsi"


def section(name: str) -> str:
    text = NSI.read_text(encoding="utf-8")
    return re.search(rf'^Section "{name}"\n(.*?)^SectionEnd', text, re.DOTALL | re.MULTILINE)[1]


@pytest.mark.packaging
def test_installer_compiles_against_a_stand_in_payload(tmp_path):
    makensis = shutil.which("makensis")
    assert makensis, "makensis is not installed (apt-get install nsis)"
    pytest.importorskip("PySide6")  # draws the icon
    payload = tmp_path / APP
    (payload / "_internal").mkdir(parents=True)
    (payload / f"{APP}.exe").write_bytes(b"MZ stand-in")
    (payload / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    icon = load_script("make_ico").write_ico(RESOURCES / "icons" / f"{APP}.png", tmp_path / f"{APP}.ico")
    setup = tmp_path / f"AZR-Desktop-{VERSION}-windows-x64-setup.exe"
    result = subprocess.run(
        # -WX: a warning fails the build, as in build_windows.ps1
        [makensis, "-V2", "-WX", f"-DVERSION={VERSION}", f"-DPAYLOAD={payload}", f"-DOUTFILE={setup}"]
        + [f"-DAPP_ICON={icon}", str(NSI)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert setup.read_bytes()[:2] == b"MZ"


def test_installer_is_per_user_with_shortcuts_and_an_uninstaller():
    text = NSI.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\', text, re.MULTILINE)
    install = section("AZR Desktop")
    assert '"$SMPROGRAMS\\${APP_NAME}.lnk" "$INSTDIR\\${APP_EXE}"' in install
    assert '"$DESKTOP\\${APP_NAME}.lnk" "$INSTDIR\\${APP_EXE}"' in install
    assert "WriteUninstaller" in install and "HKCU" in install and "HKLM" not in text
    assert f'!define APP_EXE "{APP}.exe"' in text


def test_uninstaller_removes_only_the_program():
    """User models, settings and logs live in the user's data folders (and wherever the user chose): the uninstaller
    deletes named program files and folders, and the install folder only when it is left empty."""
    uninstall = section("Uninstall")
    assert re.findall(r"RMDir /r (.*)", uninstall) == ['"$INSTDIR\\_internal"']
    assert 'RMDir "$INSTDIR"' in uninstall  # without /r: fails while anything else is in it
    assert "$APPDATA" not in uninstall and "$LOCALAPPDATA" not in uninstall and "*" not in uninstall
