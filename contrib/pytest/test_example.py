"""Examples of the fixture, run by bmcsim's own test suite
(tests/system/pytest.sh).  Each test starts from the INI's state."""
import socket


def asf_ping(port):
    """An RMCP presence ping (ASF): True when the BMC pongs."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    try:
        s.sendto(bytes.fromhex("0600ff06000011be80010000"),
                 ("127.0.0.1", port))
        return s.recv(512)[8] == 0x40
    except OSError:
        return False
    finally:
        s.close()


def test_version(bmcsim):
    v = bmcsim.get("/v1")
    assert v["name"] == "bmcsimd"
    assert v["counts"]["bmcs"] == 1


def test_power_off_then_clean_again(bmcsim):
    assert bmcsim.put("/v1/bmcs/default/power",
                      {"state": "off"})["state"] == "off"
    assert bmcsim.get("/v1/bmcs/default/power")["state"] == "off"


def test_each_test_starts_clean(bmcsim):
    # The test before left the power off; the fixture reset it.
    assert bmcsim.get("/v1/bmcs/default/power")["state"] == "on"


def test_bmc_answers_ipmi(bmcsim):
    assert asf_ping(bmcsim.port)


def test_sensor_and_sel(bmcsim):
    before = len(bmcsim.get("/v1/bmcs/default/sel")["items"])
    s = bmcsim.put("/v1/bmcs/default/sensors/CPU1%20Temp", {"reading": 101})
    assert s["reading"] == 101 and s["overridden"]
    assert len(bmcsim.get("/v1/bmcs/default/sel")["items"]) > before


def test_unknown_bmc_is_404(bmcsim):
    status, problem = bmcsim.request("GET", "/v1/bmcs/nope", check=False)
    assert status == 404 and problem["title"] == "Unknown BMC"
