# Makes the fixtures of bmcsim_fixture.py available to the tests here.
from bmcsim_fixture import bmcsim, bmcsim_daemon  # noqa: F401
