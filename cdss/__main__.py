"""The ``cdss`` command (also ``python -m cdss``): a batch's fork server first, then the command line.

Importing the command line's modules takes about 0.3 s. A batch with worker processes needs a fork server
that imports the workers' modules (:mod:`cdss.batch.forkserver`); started first, it does so meanwhile.
"""

from __future__ import annotations

import sys

from cdss.batch.forkserver import start_for_command


def main() -> int:
    """Run the command line given to this process."""
    start_for_command(sys.argv[1:])
    from cdss.cli import main as command_line  # noqa: PLC0415 - after the fork server has started

    return command_line()


if __name__ == "__main__":
    sys.exit(main())
