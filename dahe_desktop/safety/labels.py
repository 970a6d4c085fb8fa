"""Every sentence of the data-safety feature, in one place."""

from __future__ import annotations

from db import errors as store

# Why a backup was made: the slug in the file name -> what the list shows.
REASONS = {
    "daily": "每日自动备份",
    "manual": "手动备份",
    "migration": "升级数据文件前",
    "import": "导入花名册前",
    "households": "导入农户前",
    "restore": "恢复备份前",
    "rollover": "承诺结转下一年前",
    "acceptance": "确认结对方案前",
    "finalization": "考核定稿前",
    "demo": "载入演示数据前",
    "package": "导入乡镇数据包前",
    "scores": "导入考核评分表前",
}

# Table -> what the backup list calls its rows: each feature's main tables, in this
# order. Every other table holds the details of one of these and is not counted
# (DETAIL_TABLES); a test keeps the two lists covering every table there is.
TABLES = {
    "member": "党员",
    "branch": "支部",
    "commitment": "公开承诺",
    "commitment_posting": "公示记录",
    "card_print": "名片打印记录",
    "visit": "走访记录",
    "opinion_item": "社情民意",
    "inspection": "视察调研",
    "team": "队伍",
    "post_selection": "设岗定责",
    "post_appointment": "设岗任职",
    "duty_log": "履职记录",
    "household": "农牧户",
    "pairing": "结对",
    "appraisal_run": "考核评议",
    "appraisal_subject": "考核对象",
    "township": "乡镇",
    "package_import": "导入的数据包",
    "setting": "设置",
    "audit_entry": "修改记录",
}
DETAIL_TABLES = frozenset({
    "appraisal_event", "appraisal_rater", "appraisal_rubric", "appraisal_sheet", "ballot_count", "ballot_entry",
    "branch_post", "inspection_participant", "opinion_item_event", "package_export", "package_origin",
    "package_sent", "pairing_helper", "pairing_profile", "post_application", "post_candidate", "post_type",
    "team_household", "team_member", "tie_decision",
})  # fmt: skip

# What the audit viewer calls the tables it logs (votes and scores are named by what
# they record: the backup list above counts rows, these say what changed).
AUDIT_TABLES = TABLES | {
    "pairing_helper": "帮扶人",
    "post_type": "岗位目录",
    "branch_post": "支部岗位",
    "post_application": "岗位申报",
    "township": "乡镇",
    "post_selection": "设岗定责",
    "ballot_entry": "选票录入",
    "ballot_count": "候选人得票",
    "post_candidate": "计票结果",
    "tie_decision": "并列决定",
    "appraisal_run": "考核评议",
    "appraisal_subject": "考核等次",
    "appraisal_score": "考核评分",
}

# What the audit viewer's 类别 filter offers: every table whose changes are logged (the
# models' AUDIT = LOGGED, and the appraisal's tables, logged from finalization on).
AUDITED = ("member", "branch", "household", "pairing_helper", "pairing", "commitment", "post_type", "post_selection",
           "branch_post", "post_application", "ballot_entry", "ballot_count", "post_candidate", "tie_decision",
           "post_appointment", "duty_log", "appraisal_run", "appraisal_subject", "appraisal_score", "visit",
           "opinion_item", "inspection", "team", "township", "setting")  # fmt: skip

STORE_PROBLEMS = {
    store.BUSY: "数据文件正被另一个程序占用（另一个窗口、杀毒或同步软件），等了5秒仍未释放；未保存任何修改，请关闭该程序后重试。",
    store.FULL: "磁盘已满，未保存任何修改；请删除不用的文件或换一个有空间的位置后重试。",
    store.READ_ONLY: "数据文件所在位置不能写入（只读U盘、光盘或没有权限），只能查看，不能修改；请把数据文件复制到本机后再修改。",
    store.IO: "读写数据文件时出错（U盘被拔出或磁盘故障？）；请插好U盘或检查磁盘后重新打开程序。",
    store.DAMAGED: "数据文件已损坏，为免损失更多数据，程序不会写入它；请用“恢复备份”恢复最近一份完好的备份。",
    store.CANT_OPEN: "无法打开数据文件（文件夹不存在或没有权限）；请检查数据位置。",
    store.GONE: "数据文件已不在原处（U盘被拔出，或数据文件夹被移动、删除？），本次修改未保存；请插回U盘或把文件夹放回原处，然后重新打开程序。",
}

# A backup that could not be written ({folder}: where it was going); the data is untouched.
BACKUP_PROBLEMS = {
    store.FULL: "{folder} 空间不足，备份没有写成；数据文件未受影响，请腾出空间或换一个U盘后重试。",
    store.READ_ONLY: "{folder} 不能写入（写保护的U盘、光盘或没有权限），备份没有写成；数据文件未受影响，请换一个位置。",
    store.CANT_OPEN: "{folder} 不能写入（写保护的U盘、光盘或没有权限），备份没有写成；数据文件未受影响，请换一个位置。",
    store.IO: "写入 {folder} 时出错（U盘被拔出？），备份没有写成；数据文件未受影响，请插好U盘后重试。",
}
BACKUP_NO_ROOM = "{folder} 空间不足（约需 {need} MB），备份没有写成；数据文件未受影响，请腾出空间或换一个U盘后重试。"
BACKUP_INTO_DATA_FOLDER = ("{folder} 是数据文件所在的文件夹：备份放在这里，电脑坏了就和数据一起丢失（自动备份已在其中的 backups 里）；"
                           "请选U盘或另一块磁盘上的文件夹。")

CHECK_PASSED = "数据文件完好（已完整检查每一页和每个索引）：{path}"
CHECK_FAILED = ("数据文件有损坏：{path}（{found}）。请不要再修改它：关闭程序后用“备份与恢复”恢复最近一份完好的备份，"
                "或命令 main.py restore 备份文件")

SERVER_BACKUPS = "县级服务器上的数据由服务器管理员备份（pg_dump），本程序不在服务器上备份或恢复"

# The same kinds when a database server (the county's shared store) reported them.
SERVER_PROBLEMS = {
    store.BUSY: "数据库服务器上其他同事正在修改同一批数据，等待超时；未保存任何修改，请稍后重试。",
    store.FULL: "数据库服务器的磁盘或资源已满，未保存任何修改；请告诉服务器管理员腾出空间后重试。",
    store.READ_ONLY: "当前账号没有修改这些数据的权限（或服务器只允许查看），未保存任何修改；如需修改，请联系服务器管理员。",
    store.IO: "与数据库服务器的连接中断（网络断开或服务器重启？）；本次修改未保存，请检查网络后重新打开程序。",
    store.DAMAGED: "数据库服务器报告数据损坏，未保存任何修改；请立即告诉服务器管理员检查并从备份恢复。",
    store.CANT_OPEN: "无法连接数据库服务器（地址、端口、账号或密码不对，或服务器未开启）；请检查连接设置，或联系服务器管理员。",
    store.GONE: "与数据库服务器的连接中断（网络断开或服务器重启？）；本次修改未保存，请检查网络后重新打开程序。",  # a file's kind
}
