"""The header's text-size switch (標準 / 大 / 特大): a cookie, no JavaScript, safe redirects."""
import pytest


def test_choosing_xlarge_is_remembered_and_enlarges_every_page(client):
    response = client.post("/text-size?next=/issues", data={"size": "xlarge"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/issues")
    cookie = client.get_cookie("text_size")
    assert cookie.value == "xlarge" and cookie.http_only
    html = client.get("/about").get_data(as_text=True)
    assert 'data-text-size="xlarge"' in html
    assert 'value="xlarge" class="text-size-button" aria-pressed="true"' in html
    client.post("/text-size", data={"size": "standard"})
    assert "data-text-size" not in client.get("/").get_data(as_text=True)


def test_header_offers_three_sizes_in_a_labelled_group_with_standard_pressed(client):
    html = client.get("/").get_data(as_text=True)
    assert "<legend" in html and "文字の大きさ" in html
    for label in ("標準", "大", "特大"):
        assert f">{label}</button>" in html
    assert 'value="standard" class="text-size-button" aria-pressed="true"' in html
    assert "data-text-size" not in html


@pytest.mark.parametrize("size", ["huge", "", "<script>", "xlarge\r\nSet-Cookie: x=1"])
def test_unknown_size_is_ignored_and_the_page_stays_standard(client, size):
    response = client.post("/text-size?next=/about", data={"size": size})
    assert response.status_code == 302 and response.headers["Location"].endswith("/about")
    assert client.get_cookie("text_size") is None
    assert "data-text-size" not in client.get("/about").get_data(as_text=True)


def test_forged_cookie_value_falls_back_to_standard(client):
    client.set_cookie("text_size", '"><script>')
    html = client.get("/").get_data(as_text=True)
    assert "data-text-size" not in html and "<script>" not in html.split("<body>")[0]


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "/x\r\nLocation: //e"])
def test_text_size_switch_never_redirects_off_site(client, target):
    response = client.post("/text-size", query_string={"next": target}, data={"size": "large"})
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "http://localhost/")
    assert client.get_cookie("text_size").value == "large"


def test_text_size_switch_is_post_only(client):
    assert client.get("/text-size?size=xlarge").status_code == 405
