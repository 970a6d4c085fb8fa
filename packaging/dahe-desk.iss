; Inno Setup 6 script: the Windows installer of Dahe Desk (大河党员服务台).
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\dahe-desk.iss     (packaging\build.ps1 runs it)
;
; Installs dist\DaheDesk\ (built by packaging\build.ps1) for the current user only: no
; administrator rights (PrivilegesRequired=lowest), into %LOCALAPPDATA%\Programs\DaheDesk,
; with a Start menu entry and, if ticked, a desktop entry. The data file lives elsewhere
; (%LOCALAPPDATA%\DaheDesk\dahe.sqlite3, see dahe_desktop/paths.py) and the uninstaller
; never touches it: it removes only the files it installed, and says where the data stays.
;
; Chinese wizard: ChineseSimplified.isl is one of Inno Setup's *unofficial* translations
; (not installed with Inno Setup 6 by default). It is taken from Inno Setup's
; Languages\Unofficial\ folder if present, else from packaging\ChineseSimplified.isl:
; download it from https://jrsoftware.org/files/istrans/ ("Chinese (Simplified)", for
; Inno Setup 6.5+), or from the translation's own project,
; https://github.com/kira-96/Inno-Setup-Chinese-Simplified-Translation (save as UTF-8).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "大河党员服务台"
#define AppExe "DaheDesk.exe"
#define ChineseIsl AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl"
#if !FileExists(ChineseIsl)
  #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#endif
#if !FileExists(ChineseIsl)
  #error ChineseSimplified.isl not found: see the note at the top of packaging\dahe-desk.iss
#endif

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

[Languages]
Name: "chinesesimp"; MessagesFile: "{#ChineseIsl}"

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
