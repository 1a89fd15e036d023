; AZR Desktop's Windows installer: per user, so no administrator rights are asked for. It installs the PyInstaller
; folder to %LOCALAPPDATA%\Programs\AZR Desktop, adds Start-menu and desktop shortcuts and an entry in Settings > Apps,
; and its uninstaller removes only what it installed: models, settings and logs stay in the user's data folders.
; Compiled by build_windows.ps1:
;   makensis /DVERSION=0.1.0 /DPAYLOAD=dist\azr-desktop /DOUTFILE=AZR-Desktop-setup.exe [/DAPP_ICON=azr-desktop.ico]
;            installer.nsi

!ifndef VERSION
  !error "define VERSION, the app's version: makensis /DVERSION=0.1.0 ..."
!endif
!ifndef PAYLOAD
  !error "define PAYLOAD, the PyInstaller folder: makensis /DPAYLOAD=dist\azr-desktop ..."
!endif
!ifndef OUTFILE
  !error "define OUTFILE, the installer to write: makensis /DOUTFILE=AZR-Desktop-setup.exe ..."
!endif

!define APP_NAME "AZR Desktop"
!define APP_EXE "azr-desktop.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\AZR Desktop"

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user
Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "AZR Desktop authors, MIT license"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifdef APP_ICON
  !define MUI_ICON "${APP_ICON}"
  !define MUI_UNICON "${APP_ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; The installer speaks the user's Windows language when it is one of the app's.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "Ukrainian"

Section "AZR Desktop"
  SetOutPath "$INSTDIR"
  ; An update replaces the whole program (no stale libraries from the old version); user data is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; Only the program's own files: the models (%LOCALAPPDATA%\AZR Desktop by default, or wherever the user chose),
  ; settings and logs are the user's and stay.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
