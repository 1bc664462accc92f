"""Code shared by tests: a running bot in a world of its own, a cluster of workers, use cases at a desk on a real
database. Imported, never a conftest."""
