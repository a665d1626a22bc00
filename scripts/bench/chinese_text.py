"""Made-up city news in Simplified Chinese for the benchmark data set: the Chinese versions of a
share of its articles (data.py), put together from templates and word lists with a fixed seed,
as text.py does for the English.

Like the English, subjects are spread unevenly: the first ones come up often and the last ones
rarely, so that a search for 地铁 or 居住证 finds some thousands of articles, and a search for
two words far fewer.
"""

import random

SEED = 2027

DISTRICTS = [
    "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
    "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
]  # fmt: skip
ORGS = [
    "市政府", "市交通委", "市公安局出入境管理局", "市人力资源社会保障局", "市卫生健康委",
    "市生态环境局", "市住房城乡建设管理委", "市文化旅游局", "市商务委", "区政府",
]  # fmt: skip
SUBJECTS = [
    "地铁", "公交线路", "居住证", "工作许可", "垃圾分类", "社区食堂", "养老服务", "医保报销",
    "停车收费", "滨江步道", "共享单车", "图书馆", "博物馆", "空气质量", "台风防御",
    "营商环境", "出入境证件", "学位申请", "公租房", "夜间经济", "旧区改造", "电动公交",
    "市民热线", "政务服务", "无障碍设施", "道路施工", "国际学校", "个人所得税", "社会保险",
    "历史建筑",
]  # fmt: skip
ACTIONS = [
    "调整", "优化", "延长", "扩容", "开通", "试点", "简化", "升级", "公布", "启动",
]  # fmt: skip
TITLES = [
    "{district}{subject}{action}",
    "{org}：{subject}将于{month}月{action}",
    "{subject}新规{month}月起实施",
    "{district}推进{subject}{action}工作",
    "关于{subject}{action}的通知",
    "{org}就{subject}{action}征求意见",
]  # fmt: skip
SENTENCES = [
    "{org}宣布，{district}的{subject}将于{month}月{action}。",
    "此次{subject}{action}涉及约{number}名居民，预计{month}月底前完成。",
    "市民可通过“一网通办”平台查询{subject}的办理进度。",
    "{district}已有{percent}%的{subject}完成{action}，其余将在年内完成。",
    "{org}表示，将继续听取市民对{subject}的意见和建议。",
    "为方便外籍人士，{subject}相关服务提供中英文指引。",
    "{subject}{action}后，办理时间平均缩短{small}个工作日。",
    "如有疑问，可拨打市民服务热线12345咨询{subject}相关事宜。",
    "{district}{subject}{action}方案已在政府网站公示，公示期为{small}周。",
]  # fmt: skip


def pick_subject(rng):
    # As in real text, the first subjects come up often and the last ones rarely.
    return rng.choices(SUBJECTS, weights=[1 / rank for rank in range(1, len(SUBJECTS) + 1)])[0]


def fill(rng, template):
    return template.format(
        district=rng.choice(DISTRICTS),
        org=rng.choice(ORGS),
        subject=pick_subject(rng),
        action=rng.choice(ACTIONS),
        month=rng.randrange(1, 13),
        number=rng.randrange(2, 90) * 500,
        percent=rng.randrange(3, 90),
        small=rng.randrange(2, 6),
    )


def pools(titles=1000, summaries=300, paragraphs=600):
    """Titles, two-sentence summaries and paragraphs of three to five sentences."""
    rng = random.Random(SEED)
    title_pool = set()
    while len(title_pool) < titles:
        title_pool.add(fill(rng, rng.choice(TITLES)))
    return {
        "titles": sorted(title_pool),
        "summaries": [
            fill(rng, rng.choice(SENTENCES)) + fill(rng, rng.choice(SENTENCES))
            for _ in range(summaries)
        ],
        "paragraphs": [
            "".join(fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randrange(3, 6)))
            for _ in range(paragraphs)
        ],
    }


def searches(count, seed=SEED):
    """Different searches as people type them: one subject, or a subject and a district or an
    action; a few of single characters."""
    rng = random.Random(seed)
    found = {}
    words = SUBJECTS + [district.removesuffix("区") for district in DISTRICTS] + ACTIONS
    while len(found) < count:
        first = pick_subject(rng)
        second = rng.choice(words)
        query = first if rng.random() < 0.2 else f"{first} {second}"
        found.setdefault(query, None)
        if len(found) >= len(SUBJECTS) * len(words):
            break
    return list(found)
