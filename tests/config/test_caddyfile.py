"""The proxy serves the public media location only; private files leave it only through
the application's X-Accel-Redirect (platform/Caddyfile, docs/adr/0017-private-media.md)."""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

PLATFORM = Path(__file__).resolve().parents[2] / "platform"
MEDIA_CSP = "default-src 'none'; sandbox"


@dataclass
class Block:
    header: str
    lines: list[str] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)
    parent: "Block | None" = None

    def ancestors(self):
        block = self
        while block is not None:
            yield block
            block = block.parent

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def directive(self, name: str) -> list[str]:
        return [line for line in self.lines if line.split()[0] == name]


def parse(text: str) -> Block:
    """A Caddyfile as nested blocks (enough for the rules below: one directive a line)."""
    root = current = Block("")
    for raw in text.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        if line.endswith("{"):
            child = Block(line[:-1].strip(), parent=current)
            current.children.append(child)
            current = child
        elif line == "}":
            current = current.parent
        else:
            current.lines.append(line)
    assert current is root, "unbalanced braces"
    return root


def root_of(block: Block) -> str:
    for candidate in block.ancestors():
        roots = candidate.directive("root")
        if roots:
            return roots[0].split()[-1]
    return ""


@pytest.fixture(scope="module")
def caddyfile():
    return parse((PLATFORM / "Caddyfile").read_text())


@pytest.fixture(scope="module")
def private_root():
    compose = yaml.safe_load((PLATFORM / "compose.yaml").read_text())
    return compose["x-app"]["environment"]["PRIVATE_MEDIA_ROOT"]


def test_no_file_server_reaches_the_private_location_but_the_internal_redirect(
    caddyfile, private_root
):
    servers = [block for block in caddyfile.walk() if block.directive("file_server")]
    assert servers
    internal = []
    for block in servers:
        root = root_of(block)
        assert root, block.header
        if root.startswith(private_root):
            # only reached when the application answered X-Accel-Redirect
            assert block.header.startswith("handle_response @"), block.header
            assert any("X-Accel-Redirect" in line for line in block.parent.lines)
            assert block.directive("rewrite") == ["rewrite * {rp.header.X-Accel-Redirect}"]
            internal.append(block)
        else:
            assert not private_root.startswith(root.rstrip("/") + "/"), root
    assert len(internal) == 1
    # and no other address names the private folder
    text = (PLATFORM / "Caddyfile").read_text()
    assert text.count(private_root) == 1


def test_every_media_response_of_the_proxy_is_sandboxed(caddyfile, private_root):
    media = [
        block
        for block in caddyfile.walk()
        if block.directive("file_server") and not block.header.startswith("handle_path /static/")
    ]
    assert {block.header.split()[0] for block in media} == {"handle_path", "handle_response"}
    for block in media:
        headers = " ".join(block.directive("header"))
        assert "X-Content-Type-Options nosniff" in headers
        assert '"%s"' % MEDIA_CSP in headers
    public = next(block for block in media if block.header == "handle_path /media/*")
    # anything not an image is a download
    assert re.search(r"header @\w+ Content-Disposition attachment", " ".join(public.lines))
    # the private location's copy keeps the application's name for the download
    internal = next(block for block in media if block.header.startswith("handle_response"))
    copy = next(child for child in internal.children if child.header == "copy_response_headers")
    assert "Content-Disposition" in copy.lines[0]


def test_the_application_and_the_proxy_agree_on_the_private_folder(private_root):
    compose = yaml.safe_load((PLATFORM / "compose.yaml").read_text())
    assert compose["x-app"]["environment"]["PRIVATE_MEDIA_SENDFILE"] == "x-accel"
    proxy_volumes = compose["services"]["proxy"]["volumes"]
    assert any(volume.endswith(private_root + ":ro") for volume in proxy_volumes)


@pytest.mark.skipif(not shutil.which("caddy"), reason="Debian's caddy is not installed")
def test_caddy_reads_the_caddyfile():
    result = subprocess.run(
        ["caddy", "adapt", "--config", str(PLATFORM / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "X-Accel-Redirect" in result.stdout
