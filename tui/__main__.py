import sys

from quorum.tui.cli import main

sys.exit(main())
