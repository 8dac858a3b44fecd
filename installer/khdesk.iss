; Inno Setup 6 script: wraps the PyInstaller one-folder build (dist\khdesk) into a per-user installer
; khdesk-setup-<version>.exe. No administrator rights are needed; the clerk's data lives in
; %LOCALAPPDATA%\khdesk and is never touched by install, update or uninstall.
; Built on Linux by `make windows` (ISCC under Wine), on Windows by installer\build-windows.ps1.
; Saved as UTF-8 with a BOM, like Vietnamese.isl: without the BOM ISCC reads the file in the ANSI code
; page and «Gỡ cài đặt» becomes «Gá»¡ cÃ i Ä‘áº·t» (tests/test_windows_files.py checks the BOM).

; make windows passes /DAppVersion=<the version in pyproject.toml>
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; the PyInstaller one-folder bundle: dist\khdesk on Windows, dist/windows/khdesk from make windows
#ifndef BundleDir
  #define BundleDir "..\dist\khdesk"
#endif

[Setup]
AppId={{6E0C7C2A-4F55-4B8B-9A3E-5A1C2B7D9E41}
AppName=khdesk
AppVersion={#AppVersion}
AppVerName=khdesk {#AppVersion}
AppPublisher=khdesk
DefaultDirName={localappdata}\Programs\khdesk
DefaultGroupName=khdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=khdesk-setup-{#AppVersion}
SetupIconFile=..\resources\icons\khdesk.ico
UninstallDisplayIcon={app}\khdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
VersionInfoVersion={#AppVersion}
VersionInfoDescription=khdesk — Kế hoạch nhiệm vụ trọng tâm hằng tháng
; «x64», not 6.3's «x64compatible»: the build uses ISCC 6.2.0 (installer/wine-env.sh says why)
ArchitecturesInstallIn64BitMode=x64
ArchitecturesAllowed=x64
MinVersion=10.0.18362

[Languages]
Name: "vietnamese"; MessagesFile: "Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; GroupDescription: "Biểu tượng:"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\khdesk"; Filename: "{app}\khdesk.exe"; Comment: "Kế hoạch nhiệm vụ trọng tâm hằng tháng"
Name: "{group}\Gỡ cài đặt khdesk"; Filename: "{uninstallexe}"
Name: "{autodesktop}\khdesk"; Filename: "{app}\khdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\khdesk.exe"; Description: "Mở khdesk"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] deliberately absent: %LOCALAPPDATA%\khdesk (the plans and their backups) stays.
