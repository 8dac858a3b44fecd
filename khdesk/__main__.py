"""``python -m khdesk`` and the ``khdesk`` launcher."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
