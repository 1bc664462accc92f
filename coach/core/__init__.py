"""What every layer may use: settings, the clock, logging set-up and metrics. No business rules."""
