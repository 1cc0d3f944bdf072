; zicha installer: per-user, no administrator rights, Simplified Chinese pages.
;
; Built by packaging/build.sh:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DEXE=/abs/zicha.exe \
;            -DOUTFILE=/abs/dist/zicha-setup.exe packaging/windows/installer.nsi
;
; Installs to %LOCALAPPDATA%\Programs\zicha; the uninstaller removes only what
; the installer wrote. The clerk's data lives in %APPDATA%\zicha and is kept.
;
; Refuses Windows older than 10 (zicha.exe cannot start there: Rust's std needs
; bcryptprimitives.dll's ProcessPrng), and waits until no zicha runs (the
; program holds the named mutex RUNNING_MUTEX, src/platform/windows_mutex.rs)
; so it never meets a locked zicha.exe.

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef EXE
  !error "pass -DEXE=path/to/zicha.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "zicha-setup.exe"
!endif
; Build-machine paths use "/", which makensis accepts on Linux and Windows.
!ifndef ROOT
  !define ROOT "${__FILEDIR__}/../.."
!endif
!ifndef README
  !define README "${ROOT}/packaging/windows/README.txt"
!endif
!ifndef FONT_LICENCE
  !define FONT_LICENCE "${ROOT}/fonts/LICENSE-OFL.txt"
!endif
; build.sh passes -DSIGN=packaging/sign.sh when it has a certificate: the
; uninstaller is signed as makensis writes it (the installer after makensis).
!ifdef SIGN
  !uninstfinalize '"${SIGN}" "%1"'
!endif
; The same name as RUNNING_MUTEX in src/platform/windows_mutex.rs.
!define RUNNING_MUTEX "Local\zicha.running"

!define APPNAME "特种设备检验检测人员自查台账"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\zicha"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\zicha"
InstallDirRegKey HKCU "Software\zicha" "InstallDir"
BrandingText "zicha ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT 许可"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!define MUI_ICON "${ROOT}/assets/icon.ico"
!define MUI_UNICON "${ROOT}/assets/icon.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APPNAME}"
!define MUI_WELCOMEPAGE_TEXT "本程序帮助特种设备检验检测机构逐人核查持证人员的真实执业、学历和职称，并生成附件1《自查情况统计表》。$\r$\n$\r$\n程序只安装给当前用户，不需要管理员权限，也不联网。台账数据保存在本机的用户数据目录中。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\zicha.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从本机卸载${APPNAME}。您的台账数据（$APPDATA\zicha）会保留，不会被删除。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; Asks the clerk to close zicha while any copy runs (Retry checks again;
; Cancel, and any silent run, gives up with exit code 2).
!macro WAIT_UNTIL_CLOSED un
Function ${un}WaitUntilClosed
  check:
    ; SYNCHRONIZE (0x00100000): enough to find the mutex.
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r0'
    ${If} $0 != 0
      System::Call 'kernel32::CloseHandle(p r0)'
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME}正在运行。$\r$\n$\r$\n请先关闭本程序的窗口（在命令提示符中运行的 zicha 也请等它结束），然后点“重试”。" /SD IDCANCEL IDRETRY check
      SetErrorLevel 2
      Quit
    ${EndIf}
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME}需要 Windows 10 或更高版本（64 位）。$\r$\n$\r$\n这台电脑的 Windows 版本较旧，程序无法运行，安装已取消。" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  Call WaitUntilClosed
FunctionEnd

Function un.onInit
  Call un.WaitUntilClosed
FunctionEnd

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=zicha.exe" "${EXE}"
  File "/oname=README.txt" "${README}"
  ; The SIL Open Font License of the fonts built into zicha.exe.
  File "/oname=LICENSE-OFL.txt" "${FONT_LICENCE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\zicha.exe" "" "$INSTDIR\zicha.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\zicha.exe" "" "$INSTDIR\zicha.exe" 0

  WriteRegStr HKCU "Software\zicha" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\zicha.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "zicha 自查"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only what the installer wrote. %APPDATA%\zicha (the clerk's roster
  ; database and backups) is deliberately left alone.
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\zicha.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\LICENSE-OFL.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\zicha"
SectionEnd
