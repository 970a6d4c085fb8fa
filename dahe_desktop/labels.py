"""The domain's words, in one place, so the same thing is always called the same."""

from __future__ import annotations

SEXES = ("男", "女")

# The 56 recognised ethnic groups; every group but 汉族 counts as a minority (少数民族).
HAN = "汉族"
ETHNIC_GROUPS = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族",
    "珞巴族", "基诺族",
)  # fmt: skip

# Education levels, lowest first. 高中以上 (senior high or above) starts at 高中.
EDUCATION_LEVELS = ("小学及以下", "初中", "高中", "中专/职高/技校", "大专", "本科", "研究生")
HIGH_SCHOOL_OR_ABOVE = frozenset(EDUCATION_LEVELS[2:])

BRANCH_RURAL = "农牧村"
BRANCH_KINDS = (BRANCH_RURAL, "机关", "其他")

MEMBERSHIPS = ("正式党员", "预备党员")

# Appraisal categories (seed §3.6): each has its own 100-point rubric.
CATEGORIES = ("党员干部", "一般党员", "外出党员", "老病残党员")
DEFAULT_CATEGORY = "一般党员"

STATUS_ACTIVE = "在册"
STATUSES = (STATUS_ACTIVE, "转出", "去世")

# Public-commitment areas (seed §3.5) and statuses.
COMMITMENT_AREAS = (
    "基础设施建设", "带领创业", "兴办实事", "解决就业", "传授技术", "义务出工", "监督村务", "其他",
)  # fmt: skip
COMMITMENT_STATUSES = ("承诺中", "已完成", "逾期未完成", "已撤回")

# Column titles shared by the roster table, the importer and the exporter.
FIELD_LABELS = {
    "name": "姓名",
    "sex": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "education": "文化程度",
    "joined_party": "入党时间",
    "membership": "党员类型",
    "branch": "所在支部",
    "phone": "联系电话",
    "position": "职务",
    "category": "人员类别",
    "specialties": "个人特长",
    "services": "服务事项",
    "service_promise": "服务承诺",
    "status": "状态",
    "status_date": "状态变更日期",
}
