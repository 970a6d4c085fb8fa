# Build the Windows bundle, the installer and the portable zip.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Python "py -3.12"] [-NoSmoke]
#
# Steps (the same as build.sh):
#   1. a build venv in build\venv (Python 3.12 or newer; rebuilt when the requirements change),
#      with requirements.txt (PySide6-Addons only if the sources import one of its modules)
#      and packaging\requirements-build.txt; -Offline installs from wheelhouse\ (wheelhouse.sh);
#   2. PyInstaller on packaging\dahe-desk.spec -> dist\DaheDesk\ (DaheDesk.exe: the window,
#      DaheDesk-cli.exe: the command line), no UPX;
#   3. packaging\smoke.py on it (with the real qwindows platform plugin);
#   4. optional signing: set DAHE_SIGN_PFX (a .pfx file) and DAHE_SIGN_PASSWORD; signtool.exe
#      (Windows SDK) signs both executables, and through ISCC the installer and its
#      uninstaller, timestamped. A signed program is far less often flagged by antivirus
#      programs; unsigned builds work the same;
#   5. the portable zip dist\DaheDesk-<version>-portable.zip (with an empty data\ folder:
#      the program then keeps its data beside itself, e.g. on a USB stick);
#   6. the installer dist\DaheDesk-<version>-setup.exe with Inno Setup 7, or 6.3 or later
#      (ISCC.exe), if found.
param(
    [string]$Python = "py -3.12",
    [switch]$NoSmoke,
    [switch]$Offline
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root
$Build = Join-Path $Root "build"
$Venv = Join-Path $Build "venv"
$VenvPy = Join-Path $Venv "Scripts\python.exe"
$env:PIP_CACHE_DIR = Join-Path $Build "pip-cache"
$env:PYINSTALLER_CONFIG_DIR = Join-Path $Build "pyinstaller-config"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
New-Item -ItemType Directory -Force $Build | Out-Null

# Native commands (pip, PyInstaller) log to stderr: under "Stop", Windows PowerShell 5.1
# would take the first such line for a failure. Their exit code decides instead.
function Invoke-Checked([string]$What, [scriptblock]$Block) {
    $saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & $Block 2>&1 | ForEach-Object { "$_" }
    } finally {
        $ErrorActionPreference = $saved
    }
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

# 1. build venv
$pyParts = $Python -split " "
$pyExe = $pyParts[0]; $pyArgs = @($pyParts | Select-Object -Skip 1)
$version = & $pyExe @pyArgs -c "import sys; print('%d.%d' % sys.version_info[:2]); sys.exit(sys.version_info < (3, 12))"
if ($LASTEXITCODE -ne 0) { throw "Python 3.12 or newer is needed for the bundle (found $version): -Python `"py -3.12`"" }
$hash = (Get-FileHash -Algorithm SHA256 -InputStream ([IO.MemoryStream]::new([Text.Encoding]::UTF8.GetBytes(
    (Get-Content requirements.txt, packaging\requirements-build.txt -Raw) -join "")))).Hash.Substring(0, 16)
$stamp = "$version $hash"
$stampFile = Join-Path $Venv ".stamp"
if (-not (Test-Path $VenvPy) -or ((Get-Content $stampFile -ErrorAction SilentlyContinue) -ne $stamp)) {
    Write-Host "== build venv ($stamp)"
    if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
    Invoke-Checked "venv" { & $pyExe @pyArgs -m venv $Venv }
    $pipFrom = @()
    if ($Offline) { $pipFrom = @("--no-index", "--find-links", (Join-Path $Root "wheelhouse")) }
    Get-Content requirements.txt | Where-Object { $_ -notmatch "^PySide6-Addons" } |
        Set-Content (Join-Path $Build "requirements-bundle.txt")
    Invoke-Checked "pip" { & $VenvPy -m pip install --quiet @pipFrom -r (Join-Path $Build "requirements-bundle.txt") -r packaging\requirements-build.txt }
    Set-Content $stampFile $stamp
}
$used = Get-ChildItem -Path main.py, ui, dahe_desktop -Recurse -Filter *.py |
    Select-String -Pattern "PySide6\.Qt[A-Za-z0-9]+" -AllMatches |
    ForEach-Object { $_.Matches.Value } | Sort-Object -Unique
foreach ($module in $used) {
    & $VenvPy -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$module') is None)"
    if ($LASTEXITCODE -ne 0) {
        Write-Host "== $module is imported by the app: installing PySide6-Addons"
        $addons = (Select-String -Path requirements.txt -Pattern "^PySide6-Addons==\S+").Matches.Value
        Invoke-Checked "pip (Addons)" { & $VenvPy -m pip install --quiet $addons }
        break
    }
}

# 2. PyInstaller
Write-Host "== PyInstaller"
$dist = Join-Path $Root "dist"
if (Test-Path (Join-Path $dist "DaheDesk")) { Remove-Item -Recurse -Force (Join-Path $dist "DaheDesk") }
Invoke-Checked "PyInstaller" { & $VenvPy -m PyInstaller --noconfirm --log-level WARN --distpath $dist --workpath (Join-Path $Build "pyinstaller") packaging\dahe-desk.spec }
$bundle = Join-Path $dist "DaheDesk"
$size = (Get-ChildItem -Recurse -File $bundle | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("== built dist\DaheDesk: {0:N0} MB unpacked" -f $size)

# 3. smoke test
if (-not $NoSmoke) {
    Invoke-Checked "smoke test" { & $VenvPy packaging\smoke.py $bundle }
}

# 4. optional signing
function Find-SignTool {
    $found = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($found) { return $found.Source }
    $found = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName | Select-Object -Last 1
    if (-not $found) { throw "DAHE_SIGN_PFX is set but signtool.exe (Windows SDK) was not found" }
    return $found.FullName
}
$timestamp = if ($env:DAHE_SIGN_TIMESTAMP) { $env:DAHE_SIGN_TIMESTAMP } else { "http://timestamp.digicert.com" }
if ($env:DAHE_SIGN_PFX) {
    $signtool = Find-SignTool
    $files = @((Join-Path $bundle "DaheDesk.exe"), (Join-Path $bundle "DaheDesk-cli.exe"))
    Invoke-Checked "signtool" { & $signtool sign /f $env:DAHE_SIGN_PFX /p $env:DAHE_SIGN_PASSWORD /fd sha256 /tr $timestamp /td sha256 @files }
}

# 5. portable zip: the bundle plus an empty data\ folder beside the executable
$appVersion = (& $VenvPy -c "import sys; sys.path.insert(0, '.'); from dahe_desktop import __version__; print(__version__)").Trim()
$portable = Join-Path $Build "portable\DaheDesk"
if (Test-Path (Join-Path $Build "portable")) { Remove-Item -Recurse -Force (Join-Path $Build "portable") }
New-Item -ItemType Directory -Force $portable | Out-Null
Copy-Item -Recurse "$bundle\*" $portable
New-Item -ItemType Directory -Force (Join-Path $portable "data") | Out-Null
Set-Content (Join-Path $portable "data\README.txt") "此文件夹保存本程序的数据（便携模式）。复制或备份整个 DaheDesk 文件夹即可带走全部数据。" -Encoding UTF8
$zip = Join-Path $dist "DaheDesk-$appVersion-portable.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path $portable -DestinationPath $zip
Write-Host "== portable: $zip"

# 6. installer: Inno Setup 7 (64- or 32-bit edition) or 6.3+, installed for all users or per user
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if ($iscc) { $iscc = $iscc.Source } else {
    $iscc = @("$env:ProgramFiles\Inno Setup 7\ISCC.exe", "${env:ProgramFiles(x86)}\Inno Setup 7\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 7\ISCC.exe", "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") |
        Where-Object { Test-Path $_ } | Select-Object -First 1
}
if ($iscc) {
    $isccArgs = @("/DAppVersion=$appVersion")
    if ($env:DAHE_SIGN_PFX) {
        # ISCC signs the installer and the uninstaller inside it ($q: a quote, $f: the file).
        $isccArgs += "/DSign"
        $isccArgs += ('/Sdahesign=$q' + $signtool + '$q sign /f $q' + $env:DAHE_SIGN_PFX + '$q /p $q' +
            "$env:DAHE_SIGN_PASSWORD".Replace('$', '$$') + '$q /fd sha256 /tr ' + $timestamp + ' /td sha256 $f')
    }
    Invoke-Checked "Inno Setup" { & $iscc @isccArgs packaging\dahe-desk.iss }
    Write-Host "== installer: dist\DaheDesk-$appVersion-setup.exe"
} else {
    Write-Host "Inno Setup not found (https://jrsoftware.org/isdl.php): no installer, the portable zip is built."
}
