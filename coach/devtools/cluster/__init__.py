"""Several webhook workers on one database behind a round-robin balancer: for the fault tests and
`bench/fanout.py --workers`, run against the local emulator."""
