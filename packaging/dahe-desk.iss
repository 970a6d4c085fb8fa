; Inno Setup script (6.3 or later, 7 included): the Windows installer of Dahe Desk (大河党员服务台).
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\dahe-desk.iss     (packaging\build.ps1 runs it)
;
; Installs dist\DaheDesk\ (built by packaging\build.ps1) for the current user only: no
; administrator rights (PrivilegesRequired=lowest), into %LOCALAPPDATA%\Programs\DaheDesk,
; with a Start menu entry and, if ticked, a desktop entry. The data file lives elsewhere
; (%LOCALAPPDATA%\DaheDesk\dahe.sqlite3, see dahe_desktop/paths.py) and the uninstaller
; never touches it: it removes only the files it installed, and says where the data stays.
;
; Chinese wizard: Inno Setup 7.0.2 and later ship an official Simplified Chinese translation
; (compiler:Languages\ChineseSimplified.isl), used whole when present. Older compilers ship
; none (it was an unofficial, separately downloaded file), so the script then takes Inno
; Setup's English messages with packaging\zh-CN.isl over them: our own Chinese text of every
; message this installer can show. Nothing needs to be downloaded either way.
;
; Signing (packaging\build.ps1 does this when a certificate is given): pass a sign tool
; named "dahesign" and /DSign, e.g.
;   ISCC.exe /DAppVersion=0.1.0 /DSign "/Sdahesign=signtool.exe sign /f $qC:\cert.pfx$q ... $f" packaging\dahe-desk.iss
; and ISCC signs the installer and the uninstaller it embeds.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed (x64compatible, UTF-8 scripts)
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "大河党员服务台"
#define AppExe "DaheDesk.exe"
#define ChineseOfficial AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
#define ChineseOurs AddBackslash(SourcePath) + "zh-CN.isl"

[Setup]
AppId={{B1CE5F90-B4D4-4442-833B-08A68011CC16}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Dahe Desk
VersionInfoVersion={#AppVersion}
; Per user, no administrator rights: {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={autopf}\DaheDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=DaheDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#if FileExists(AddBackslash(SourcePath) + "..\resources\icons\app.ico")
SetupIconFile=..\resources\icons\app.ico
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; The program must be closed to be updated or removed.
CloseApplications=yes
; One language: no language dialog.
ShowLanguageDialog=no
#ifdef Sign
SignTool=dahesign
SignedUninstaller=yes
#endif

[Languages]
#if FileExists(ChineseOfficial)
Name: "chinesesimp"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chinesesimp"; MessagesFile: "compiler:Default.isl,{#ChineseOurs}"
#endif

[Messages]
; Either way: say before uninstalling that the data stays.
chinesesimp.ConfirmUninstall=确定要卸载 %1 吗？%n%n党员数据不会被删除，仍保存在本机的数据文件夹中。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle; an update replaces the program files only.
Source: "..\dist\DaheDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update first clears the previous version's libraries (names change between versions).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The data folder is not the program folder: say where the data stays after uninstalling. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('程序已卸载。党员数据没有删除，仍保存在：' + #13#10 +
      ExpandConstant('{localappdata}\DaheDesk') + #13#10#13#10 +
      '重新安装后可继续使用；如确需删除，请手动删除该文件夹。', mbInformation, MB_OK);
end;
