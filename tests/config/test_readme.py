"""What the README promises about ``make run`` holds in the Makefile."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_recipe():
    makefile = (ROOT / "Makefile").read_text()
    return re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1).splitlines()


def test_the_readme_opens_with_the_two_commands_and_names_the_port_and_pango():
    readme = (ROOT / "README.md").read_text()
    assert readme.split("```")[1] == (
        "sh\n"
        "make run    # installe, migre, charge la démo et sert http://127.0.0.1:8000\n"
        "make test   # lance toute la suite de tests\n"
    )
    assert "`make run PORT=8001`" in readme
    assert "pour `make run` comme pour `make test`" in readme


def test_make_run_prints_the_demo_accounts_last_before_serving():
    lines = run_recipe()
    commands = [line for line in lines if "manage.py" in line]
    assert [re.search(r"manage\.py (\w+)", line).group(1) for line in commands] == [
        "migrate",
        "load_demo_data",
        "runserver",
    ]
    # the migration and the loading log only their warnings: the accounts that
    # load_demo_data prints stay on screen, followed by the address alone
    assert "LOG_LEVEL=WARNING" in commands[0] and "--verbosity 0" in commands[0]
    assert "LOG_LEVEL=WARNING" in commands[1]
    between = lines[lines.index(commands[1]) + 1 : lines.index(commands[2])]
    assert all(line.strip().startswith("@echo") for line in between)
