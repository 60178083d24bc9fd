"""The held-back communities command (seatmap._cli_communities): `seatmap communities` with a
user's file, and its workbook for people."""


def test_cli_communities_with_a_users_file(tmp_path, capsys):
    from seatmap.cli import main

    data = tmp_path / "members.csv"
    data.write_text("lsoa,members\nE01011949,20\nE01011950,3\n")
    assert main(["communities", "--data", str(data), "--rule", "members >= 10"]) == 0
    out = capsys.readouterr().out
    assert "1 community, 1,954 people" in out and "Hartlepool" in out


def test_cli_communities_xlsx_for_people(tmp_path, capsys):
    from openpyxl import load_workbook

    from seatmap.cli import main

    out = tmp_path / "c.xlsx"
    assert main(["communities", "--seat", "Hartlepool", "-o", str(out)]) == 0
    wb = load_workbook(out)
    people = [c.value for c in wb["Communities"][2]]  # issue 18: row 1 is the title row
    assert people[:4] == ["Community", "Note on the name", "Neighbourhoods (labels)", "People"]
    assert "area_codes" not in people and "Local authority" in people
    assert "area_codes" in [c.value for c in wb["Data"][1]]  # the exact table keeps them
    assert wb["Communities"].max_row == 2 + 5
