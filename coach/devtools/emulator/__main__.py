"""`python -m coach.devtools.emulator --port N`: serve the emulator and print its URLs as one JSON line."""

from coach.devtools.emulator.runner import main

raise SystemExit(main())
