"""Every scenario of ``features/``, run against the real engine (the driver chosen in conftest.py)."""

from pytest_bdd import scenarios

scenarios(".")
