"""Code shared by tests: a running bot in a world of its own, a cluster of workers. Imported, never a conftest."""
