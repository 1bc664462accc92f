"""A participant's life cycle: onboarding with screening, and erasure."""
