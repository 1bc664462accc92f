"""`python -m coach.emulator --port N`: serve the emulator and print its URLs as one JSON line."""

from coach.emulator.runner import main

raise SystemExit(main())
