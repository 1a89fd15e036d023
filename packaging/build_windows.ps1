# Build AZR Desktop for Windows: the PyInstaller folder, then from it the per-user installer (NSIS).
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 [-Out packaging\build]
# Needs: pip install -e ".[packaging]" with the PyTorch build to ship already installed (README: "Build"), and NSIS 3
# (makensis on PATH or in its default folder; GitHub's Windows runners have it, else: choco install nsis).
# AZR_CONSOLE=1 builds an app with a console window, to watch its output while debugging.
param([string]$Out = (Join-Path $PSScriptRoot "build"))
$ErrorActionPreference = "Stop"

$App = "azr-desktop"
$Root = Split-Path $PSScriptRoot -Parent
$Init = Join-Path $Root "azr_desktop\__init__.py"
$Version = (Select-String -Path $Init -Pattern '__version__ = "([^"]+)"').Matches[0].Groups[1].Value
$Variant = (python -c "import torch; print('-cuda' if torch.version.cuda else '')").Trim()
New-Item -ItemType Directory -Force -Path $Out | Out-Null
$Out = (Resolve-Path $Out).Path
$Dist = Join-Path $Out "dist"
$Work = Join-Path $Out "work"
$Timer = [Diagnostics.Stopwatch]::StartNew()

Write-Host "== PyInstaller bundle"
python -m PyInstaller --noconfirm --log-level WARN --distpath $Dist --workpath $Work `
    (Join-Path $PSScriptRoot "$App.spec")
if ($LASTEXITCODE) { throw "PyInstaller failed ($LASTEXITCODE)" }
$Bundle = Join-Path $Dist $App

Write-Host "== installer ($([int]$Timer.Elapsed.TotalSeconds)s)"
$MakeNsis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) { $MakeNsis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
$Setup = Join-Path $Out "AZR-Desktop-$Version-windows-x64$Variant-setup.exe"
# The spec wrote the icon beside its work files (PyInstaller works in $Work\<spec name>).
& $MakeNsis /V2 /WX "/DVERSION=$Version" "/DPAYLOAD=$Bundle" "/DOUTFILE=$Setup" "/DAPP_ICON=$Work\$App\$App.ico" `
    (Join-Path $PSScriptRoot "windows\installer.nsi")
if ($LASTEXITCODE) { throw "makensis failed ($LASTEXITCODE)" }

Write-Host "== done ($([int]$Timer.Elapsed.TotalSeconds)s)"
$BundleMB = (Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
"{0,8:N0} MB  {1}" -f $BundleMB, $Bundle
"{0,8:N0} MB  {1}" -f ((Get-Item $Setup).Length / 1MB), $Setup
