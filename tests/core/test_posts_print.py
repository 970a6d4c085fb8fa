"""The 设岗定责 printouts by what they contain and where they draw: the candidate list and
numbered ballots, the GB/T 9704 posting, the post cards."""

import datetime as dt

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from dahe_desktop.posts import service as posts
from dahe_desktop.posts.printouts.job import BALLOTS, CARDS, NOTICE, PostsPrintJob
from dahe_desktop.posts.printouts.sheets import holder_lines
from dahe_desktop.printing import official
from dahe_desktop.printing.posting import make_posting_info
from tests.core.test_posts import VOTES, YEAR, finish_vote, opened

INFO = make_posting_info("中共大河乡委员会", "0974-8591234", dt.date(2026, 3, 10))


def squeeze(text: str) -> str:
    return "".join(text.split())


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), squeeze("".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def voted(people):
    opened(people)
    finish_vote(people, VOTES)
    posts.appoint_elected(people["branch"], YEAR, dt.date(2026, 3, 9))
    return people


@pytest.fixture
def people(db):
    from tests.helpers.posts import village_branch

    return village_branch()


def test_ballots_are_numbered_per_group_with_every_post_candidate_and_box(people, tmp_path):
    opened(people)
    job = PostsPrintJob(BALLOTS, YEAR, people["branch"], member_ballots=3, rep_ballots=2)
    with pytest.raises(posts.PostsError, match="候选人还没有差额确定，不能印制选票"):
        job.render(tmp_path / "early.pdf", INFO)
    posts.fix_candidates(people["branch"], YEAR, dt.date(2026, 3, 1))
    result = job.render(tmp_path / "ballots.pdf", INFO)
    pages, text = pdf_text(tmp_path / "ballots.pdf")
    assert result.documents == 5 and pages == 1 + 3  # the list, then two ballots a sheet
    assert "扎西村党支部2026年度设岗定责岗位候选人名单" in text
    assert "草原管护岗1名卓玛（申报）多杰（申报）才吉（申报）" in text  # two a line, in short
    assert "经济发展岗2名拉毛（提名）" in text and "超过有效票半数" in text
    for n in (1, 2, 3):
        assert f"党员票第{n}张共3张" in text
    assert "群众代表票第2张共2张" in text and "群众代表票第3张" not in text
    assert text.count("扎西村党支部2026年度设岗定责选票") == 5
    assert text.count("尼玛") == 1 + 5 and "多于名额的，本张选票无效" in text
    assert not result.outside_page() and not result.clipped


def test_without_the_list_only_ballots_are_printed(people, tmp_path):
    opened(people)
    posts.fix_candidates(people["branch"], YEAR, dt.date(2026, 3, 1))
    job = PostsPrintJob(BALLOTS, YEAR, people["branch"], member_ballots=2, rep_ballots=0, with_list=False)
    job.render(tmp_path / "b.pdf", INFO)
    pages, text = pdf_text(tmp_path / "b.pdf")
    assert pages == 1 and "候选人名单" not in text and "党员票第2张共2张" in text


def test_the_posting_keeps_the_gbt_9704_block_and_names_no_category(voted, tmp_path):
    result = PostsPrintJob(NOTICE, YEAR, voted["branch"]).render(tmp_path / "notice.pdf", INFO)
    pages, text = pdf_text(tmp_path / "notice.pdf")
    assert pages == result.pages >= 1
    assert "扎西村党支部2026年度党员设岗定责公示" in text
    assert "公示期为2026年3月10日至2026年3月16日" in text and "监督电话：0974-8591234" in text
    assert "草原管护岗卓玛" in text and "经济发展岗拉毛尼玛" in text
    assert text.endswith("—1—") or "—1—" in text
    assert "中共扎西村党支部2026年3月10日" in text
    for word in ("老病残", "外出党员", "一般党员"):
        assert word not in text
    block = official.BLOCK
    eps = 0.5
    inside = [b for _, b in result.boxes if b.top > block.y - eps]  # all but the page number
    assert inside and all(b.x >= block.x - eps and b.right <= block.right + eps and b.top <= block.top + eps for b in inside)
    assert abs(block.x - 28 * mm) < 0.01 and abs(official.PAGE[1] - block.top - 37 * mm) < 0.01
    assert (round(block.width / mm), round(block.height / mm)) == (156, 225)


def test_post_cards_give_each_holder_duties_and_targets(voted, tmp_path):
    holders = holder_lines(YEAR, voted["branch"])
    result = PostsPrintJob(CARDS, YEAR, voted["branch"]).render(tmp_path / "cards.pdf", INFO)
    pages, text = pdf_text(tmp_path / "cards.pdf")
    assert result.documents == len(holders) == 3 and pages == 2
    assert text.count("党员设岗定责岗位卡") == 3
    assert "1．巡查草原" in text and "1．每月巡查草原不少于2次" in text
    assert "老病残" not in text and not result.outside_page()


def test_nothing_to_post_says_so(people, tmp_path):
    with pytest.raises(posts.PostsError, match="还没有确定岗位"):
        PostsPrintJob(NOTICE, YEAR, people["branch"]).render(tmp_path / "n.pdf", INFO)
    with pytest.raises(posts.PostsError, match="没有可打印的岗位卡"):
        PostsPrintJob(CARDS, YEAR, people["branch"]).render(tmp_path / "c.pdf", INFO)


def test_a_long_ballot_takes_a_page_each_and_an_impossible_one_is_refused(db, tmp_path):
    from dahe_desktop.posts.printouts.ballot import render_ballots
    from dahe_desktop.posts.printouts.sheets import BallotPost, BallotSheet

    names = ["卓玛", "多杰", "拉毛", "尼玛", "桑吉", "才让"]
    post_names = ["草原管护岗", "村务监督岗", "经济发展岗", "环境卫生岗", "综合治理岗", "政策宣传岗", "矛盾调解岗", "民族团结岗"]
    big = [BallotPost(p, 2, [(f"{n}{i}", "自己申报") for n in names]) for i, p in enumerate(post_names)]
    sheet = BallotSheet("扎西村党支部", 2026, dt.date(2026, 3, 1), big, 3, 0)
    result = render_ballots(sheet, tmp_path / "long.pdf", with_list=False)
    assert result.pages == 3 and result.documents == 3 and not result.outside_page()
    huge = BallotSheet("扎西村党支部", 2026, dt.date(2026, 3, 1), big * 3, 1, 0)
    with pytest.raises(posts.PostsError, match="一张A4放不下选票"):
        render_ballots(huge, tmp_path / "huge.pdf", with_list=False)
