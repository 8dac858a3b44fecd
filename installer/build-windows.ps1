# Build khdesk-setup-<version>.exe on a Windows machine (PyInstaller is not a cross-compiler).
# Needs: Python 3.11+ (python.org, "Add to PATH"), Inno Setup 6 (jrsoftware.org) with ISCC.exe on PATH
# or in its default folder. Run from the repository root:  powershell -File installer\build-windows.ps1
$ErrorActionPreference = "Stop"
python -m venv .venv-win
.\.venv-win\Scripts\python -m pip install --upgrade pip
.\.venv-win\Scripts\python -m pip install . "pyinstaller>=6.10"
.\.venv-win\Scripts\python -m PyInstaller --noconfirm --distpath dist --workpath build installer\khdesk.spec
# the frozen app must pass its own self-test before it is packaged
$env:QT_QPA_PLATFORM = "offscreen"
# (khdesk-cli.exe: the console program; khdesk.exe is a window program and prints nothing)
$p = Start-Process -FilePath dist\khdesk\khdesk-cli.exe -ArgumentList "--self-test" -Wait -PassThru -NoNewWindow
if ($p.ExitCode -ne 0) { throw "self-test failed ($($p.ExitCode))" }
Remove-Item Env:QT_QPA_PLATFORM
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc installer\khdesk.iss
Write-Host "Done: dist\khdesk-setup-*.exe"
