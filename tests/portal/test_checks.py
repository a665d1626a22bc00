from .test_settings import PRODUCTION_ENV, manage


def test_check_deploy_asks_for_the_portals_address():
    env = PRODUCTION_ENV | {"PORTAL_BASE_URL": ""}

    result = manage("check", "--deploy", **env)

    assert "portal.W001" in result.stderr
    assert "PORTAL_BASE_URL is not set." in result.stderr
