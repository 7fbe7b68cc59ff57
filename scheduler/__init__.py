"""Time-driven work: jobs that only trigger domain actions, and the APScheduler that runs them."""
