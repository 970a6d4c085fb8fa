"""`main.py posts status|holders` on the demo township."""

from main import main


def test_posts_status_shows_the_steps_the_tie_and_coverage(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert "设岗定责在岗党员" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "posts", "status", "--year", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 20 and all(line.endswith("已完成") for line in lines)
    assert main(["--data-dir", str(data_dir), "posts", "status", "--year", "2026", "--branch", "加吾村党支部"]) == 0
    out = capsys.readouterr().out
    assert "[✓] 差额确定候选人" in out and "并列：" in out and "有职党员5名" in out
    assert main(["--data-dir", str(data_dir), "posts", "status", "--year", "2027", "--branch", "加吾村党支部"]) == 0
    assert "待办：2027年还没有开设岗位" in capsys.readouterr().out


def test_posts_holders_lists_duties_and_an_unknown_branch_is_one_line(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "posts", "holders", "--year", "2026", "--branch", "秀麻村党支部"]) == 0
    out = capsys.readouterr().out
    assert "草原管护岗" in out and "职责：" in out and "目标：" in out
    assert main(["--data-dir", str(data_dir), "posts", "holders", "--year", "2026", "--branch", "无此支部"]) == 1
    assert capsys.readouterr().err.startswith("--branch: 没有名为“无此支部”的支部")


def test_print_ballots_notice_and_cards(data_dir, tmp_path, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    base = ["--data-dir", str(data_dir), "print"]
    assert main([*base, "ballots", "--year", "2026", "--branch", "秀麻村党支部", "--reps", "5", str(tmp_path / "b.pdf")]) == 0
    assert "张选票" in capsys.readouterr().out
    assert main([*base, "post-notice", "--year", "2026", "--branch", "秀麻村党支部", str(tmp_path / "n.pdf")]) == 0
    assert main([*base, "post-cards", "--year", "2026", "--branch", "秀麻村党支部", str(tmp_path / "c.pdf")]) == 0
    assert "4张岗位卡" in capsys.readouterr().out
    assert main([*base, "post-notice", "--year", "2027", "--branch", "秀麻村党支部", str(tmp_path / "x.pdf")]) == 1
    assert "还没有确定岗位" in capsys.readouterr().err
