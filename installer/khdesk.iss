; Inno Setup 6 script: wraps the PyInstaller one-folder build (dist\khdesk) into a per-user installer
; khdesk-setup-<version>.exe. No administrator rights are needed; the clerk's data lives in
; %LOCALAPPDATA%\khdesk and is never touched by install, update or uninstall.
; Build on Windows: installer\build-windows.ps1 (see installer\README.md).

#define AppVersion "0.1.0"

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
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; GroupDescription: "Biểu tượng:"; Flags: unchecked

[Files]
Source: "..\dist\khdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\khdesk"; Filename: "{app}\khdesk.exe"
Name: "{group}\Gỡ cài đặt khdesk"; Filename: "{uninstallexe}"
Name: "{autodesktop}\khdesk"; Filename: "{app}\khdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\khdesk.exe"; Description: "Mở khdesk"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] deliberately absent: %LOCALAPPDATA%\khdesk (the plans and their backups) stays.
