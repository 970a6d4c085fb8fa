"""Dahe Desk domain core: rules, statistics, import/export and printing. No Qt here."""

APP_NAME = "DaheDesk"
APP_TITLE = "大河党员服务台"
__version__ = "0.1.0"
