"""Thin launcher: ``python main.py [COMMAND] ...`` (see ``khdesk --help``)."""
import sys

from khdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
