"""The database: SQLModel tables, the engine, migrations at start-up, and one module of queries per aggregate."""
