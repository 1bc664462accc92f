import sys

from coach.cli.main import main

sys.exit(main())
