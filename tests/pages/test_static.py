"""Static files as production serves them: collectstatic with WhiteNoise's compressed manifest
storage gives hashed names (the font included), and pages point at them; nothing is fetched
from another host."""

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", stdout=io.StringIO())
    return tmp_path


def test_collectstatic_hashes_and_compresses_the_site_files(collected):
    fonts = list((collected / "fonts").glob("noto-nastaliq-urdu-arabic-400-normal.*.woff2"))
    assert len(fonts) == 1
    assert (collected / "fonts" / "OFL.txt").is_file()
    css = next((collected / "css").glob("urdu-font.*.css"))
    assert (css.parent / (css.name + ".gz")).is_file()
    # The stylesheet's font URLs were rewritten to the hashed names.
    assert fonts[0].name in css.read_text()
    # The API page's Swagger UI is served from here too, hashed like the rest.
    assert list((collected / "ninja").glob("swagger-ui-bundle.*.js"))


def test_pages_link_hashed_static_files_on_this_host_only(client, seeded, collected):
    html = client.get(seeded.get_absolute_url()).content.decode()
    assert re.search(r'href="/static/css/site\.[0-9a-f]{12}\.css"', html)
    assert re.search(
        r"/static/fonts/noto-nastaliq-urdu-arabic-400-normal\.[0-9a-f]{12}\.woff2", html
    )
    # Absolute links (the canonical URL, the site image of shared links) name this host only.
    hosts = set(re.findall(r'(?:src|href|content)="(?:https?:)?//([^/"]+)', html))
    assert hosts <= {"testserver"}, hosts
    assert re.search(r'content="http://testserver/static/img/og-card\.[0-9a-f]{12}\.png"', html)
