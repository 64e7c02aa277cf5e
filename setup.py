"""Ships the repository's top-level rules.yaml and seeds/ inside the wheel.

pyproject.toml holds everything else; only this copy step needs code, because package
data must live under a package and the design card keeps these two at the top level.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = {"rules.yaml": "rules.yaml", "seeds": "samples"}


class BuildWithSamples(build_py):
    def run(self) -> None:
        super().run()
        data = Path(self.build_lib, "newsdesk", "data")
        for source, target in SHIPPED.items():
            path = Path(source)
            if path.is_dir():
                for item in sorted(path.iterdir()):
                    if item.is_file():
                        self.mkpath(str(data / target))
                        self.copy_file(str(item), str(data / target / item.name))
            elif path.is_file():
                self.mkpath(str(data))
                self.copy_file(str(path), str(data / target))


setup(cmdclass={"build_py": BuildWithSamples})
