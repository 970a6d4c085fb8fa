"""The commitment card (承诺卡) and the branch's posting sheet (承诺公示), painters on the
engine in `dahe_desktop.printing`; `job` is one print as the dialog and the CLI run it."""
