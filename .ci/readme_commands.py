"""Runs every command that README.md and the guide's Getting started page show, in
order, as a new user would: shell blocks line by line, and each YAML block the text
says to save ("as `cells/drug/A2.yaml`") written to that path first. A command is
expected to exit 0 unless its comment says `exit N`. A ```text block that starts with a
finding (`MLnnn(`) must be what the next `matrixlint check` prints, line for line.

Build commands run in the repository with these substitutions, so that nothing is
compiled twice in CI (each documented here, nowhere else):
- `cargo install --locked --path .` installs the debug build `cargo test` made
  (`--debug --target-dir target --root TMP`);
- `cargo run --release -- ARGS` runs `cargo run --locked --quiet -- ARGS`;
- `maturin build … --out dist` builds with `--profile dev` into target/readme-dist;
- `cargo test` is not run again (.ci/run runs it just before).
Tutorial commands run in a temporary folder. Usage: readme_commands.py FILE..."""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.S | re.M)
SAVE_AS = re.compile(r"\bas\s+`([^`]+\.ya?ml)`")


def fail(message: str) -> None:
    sys.exit(f"readme_commands: {message}")


class Runner:
    def __init__(self, tmp: pathlib.Path):
        self.tmp = tmp
        self.cwd = tmp / "work"
        self.cwd.mkdir()
        self.bin = tmp / "install" / "bin"
        self.venv = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
        self.env = dict(os.environ, PATH=f"{self.venv / 'bin'}:{self.bin}:{os.environ['PATH']}", NO_COLOR="1", COLUMNS="100")
        self.last_check = None

    def command(self, source: str, line: str) -> None:
        comment = line.split(" # ", 1)[1] if " # " in line else ""
        command = line.split(" # ", 1)[0].strip()
        expected = int(m.group(1)) if (m := re.search(r"\bexit (\d)", comment)) else 0
        in_repo = command.split()[0] in ("cargo", "pip", "maturin") and "dist/" not in command.split()[0]
        if command == "cargo test":
            print(f"  skip (run by .ci/run): {command}")
            return
        if command == "cargo install --locked --path .":
            command += f" --debug --target-dir target --root {self.tmp / 'install'} --quiet"
        command = re.sub(r"^cargo run --release -- ", "cargo run --locked --quiet -- ", command)
        if "maturin build" in command:
            command = command.replace("--out dist", "--profile dev --quiet --out target/readme-dist")
        if command.startswith("pip install dist/"):
            command = command.replace("dist/", "target/readme-dist/", 1)
            in_repo = True
        cwd = REPO if in_repo else self.cwd
        print(f"  $ {command}    (in {'the repository' if in_repo else 'the tutorial folder'})")
        marker = self.tmp / "cwd"
        result = subprocess.run(
            ["bash", "-c", f"set -e; {command}\nstatus=$?; pwd > {marker}; exit $status"],
            cwd=cwd, env=self.env, capture_output=True, text=True,
        )
        if result.returncode != expected:
            fail(f"{source}: `{command}` exited {result.returncode}, not {expected}\n{result.stdout}\n{result.stderr}")
        if not in_repo:
            self.cwd = pathlib.Path(marker.read_text().strip())
        if command.startswith("matrixlint check") and "--fix" not in command:
            self.last_check = result.stdout

    def run(self, path: pathlib.Path) -> None:
        text = path.read_text(encoding="utf-8")
        pending_output = None
        position = 0
        for match in BLOCK.finditer(text):
            kind, body = match.group(1), match.group(2)
            before = text[position:match.start()]
            position = match.end()
            if kind == "sh":
                for line in body.splitlines():
                    if line.strip() and not line.lstrip().startswith("#"):
                        self.command(path.name, line)
                if pending_output is not None and self.last_check is not None:
                    self.compare(path.name, pending_output)
                    pending_output = None
            elif kind == "yaml" and (save := SAVE_AS.findall(before.strip().split("\n\n")[-1])):
                target = self.cwd / save[-1]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(body, encoding="utf-8")
                print(f"  wrote {save[-1]}")
            elif kind == "text" and re.match(r"ML\d{3}\(", body):
                pending_output = body
        if pending_output is not None:
            fail(f"{path.name}: a finding is shown but no `matrixlint check` follows it")

    def compare(self, source: str, shown: str) -> None:
        printed = self.last_check.splitlines()
        lines = shown.rstrip("\n").splitlines()
        for start in range(len(printed)):
            if printed[start:start + len(lines)] == lines:
                print(f"  the finding shown in {source} is what `matrixlint check` prints")
                return
        fail(f"{source}: the finding it shows is not what `matrixlint check` prints:\n{self.last_check}")


def main(files: list) -> None:
    for name in files:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"readme_commands: {name}")
            Runner(pathlib.Path(tmp)).run(REPO / name)
    shutil.rmtree(REPO / "target" / "readme-dist", ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
